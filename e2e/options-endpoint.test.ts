import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionStatus, Settings } from "../core/types";
import { type BroadcastServer, startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";

describe.skipIf(!hasChromium())("endpoint on the options page", () => {
  let session: ExtensionSession;
  let serverA: BroadcastServer;
  let serverB: BroadcastServer;

  beforeAll(async () => {
    [session, serverA, serverB] = await Promise.all([
      launchExtension(),
      startBroadcastServer(),
      startBroadcastServer(),
    ]);
    await session.setSettings({ endpoint: serverA.url });
    await waitFor(
      "the worker to greet server A",
      () => session.readStorage<ConnectionStatus>("status"),
      (status) => status?.state === "open",
    );
  });

  afterAll(async () => {
    await session?.close();
    await Promise.all([serverA?.close(), serverB?.close()]);
  });

  function readEndpoint() {
    return session.readStorage<Settings>("settings").then((settings) => settings?.endpoint);
  }

  it("saved endpoint moves the connection", async () => {
    const options = await session.openOptions();
    const endpoint = options.getByLabel("Endpoint URL");
    await expectValue(() => endpoint.inputValue(), serverA.url);

    await endpoint.fill(serverB.url);
    await options.getByRole("button", { name: "Save" }).click();

    await waitFor(
      "a connection to server B",
      () => serverB.connections,
      (n) => n > 0,
      3000,
    );
    await waitFor(
      "server A to lose its client",
      () => serverA.clientCount,
      (n) => n === 0,
      3000,
    );
    expect(await readEndpoint()).toBe(serverB.url);
    await options.getByText("Saved.", { exact: true }).waitFor({ state: "visible", timeout: 3000 });
    expect(await options.locator(".error").count()).toBe(0);
    expect(await endpoint.getAttribute("aria-invalid")).toBeNull();
    await options.close();
  });

  it("invalid endpoint shows an inline error", async () => {
    const options = await session.openOptions();
    const endpoint = options.getByLabel("Endpoint URL");
    await expectValue(() => endpoint.inputValue(), serverB.url);
    const connectionsBefore = serverB.connections;

    await endpoint.fill("http://x");
    await options.getByRole("button", { name: "Save" }).click();

    const error = options.locator("#endpoint-error");
    await error.waitFor({ state: "visible", timeout: 3000 });
    const message = await error.innerText();
    expect(message).toContain("http");
    expect(message).toContain("ws://");
    expect(await endpoint.getAttribute("aria-invalid")).toBe("true");
    expect(await options.getByText("Saved.", { exact: true }).count()).toBe(0);
    expect(await readEndpoint()).toBe(serverB.url);
    expect(serverB.connections).toBe(connectionsBefore);
    await options.close();
  });
});

/** Waits for the options page to load the stored value into its form. */
async function expectValue(read: () => Promise<string>, expected: string) {
  const value = await waitFor(`the input to show ${expected}`, read, (text) => text === expected);
  expect(value).toBe(expected);
}
