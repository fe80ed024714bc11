import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClockState, ConnectionStatus } from "../core/types";
import { type BroadcastServer, startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";

const MINUTE = 60_000;

/** The server's clock runs this far ahead of the browser's. */
const SERVER_OFFSET_MS = 5 * MINUTE;

describe.skipIf(!hasChromium())("popup under a server clock offset", () => {
  let session: ExtensionSession;
  let server: BroadcastServer;

  beforeAll(async () => {
    [session, server] = await Promise.all([
      launchExtension(),
      startBroadcastServer({ offsetMs: SERVER_OFFSET_MS }),
    ]);
    await session.setSettings({ endpoint: server.url });
    await waitFor(
      "the worker to greet the server",
      () => session.readStorage<ConnectionStatus>("status"),
      (status) => status?.state === "open",
    );
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it("worker measures the offset", async () => {
    const clock = await session.readStorage<ClockState>("clock");

    expect(clock?.offset).toBeGreaterThan(SERVER_OFFSET_MS - 2000);
    expect(clock?.offset).toBeLessThan(SERVER_OFFSET_MS + 2000);
  });

  it("popup counts down on the server clock", async () => {
    server.broadcast({
      kind: "maintenance",
      starting: new Date(server.now() + 10 * MINUTE).toISOString(),
      ending: new Date(server.now() + 40 * MINUTE).toISOString(),
      message: "",
    });
    await waitFor(
      "the window in storage",
      () => session.readStorage<{ windows: unknown[] }>("announcements"),
      (state) => state?.windows.length === 1,
    );
    const popup = await session.openPopup();

    const upcoming = popup.locator("section", { hasText: "Upcoming maintenance" });
    const countdown = await upcoming.locator(".when strong").first().innerText();
    const seconds = parseDuration(countdown);
    expect(seconds, `countdown "${countdown}"`).toBeGreaterThan(9 * 60);
    expect(seconds, `countdown "${countdown}"`).toBeLessThanOrEqual(10 * 60);

    const notice = await popup.getByText(/your clock is/i).innerText();
    expect(notice).toContain("5 min");
    expect(parseDuration(notice)).toBeGreaterThanOrEqual(4 * 60 + 58);
    expect(parseDuration(notice)).toBeLessThanOrEqual(5 * 60 + 2);
    expect(notice).toContain("behind");
    await popup.close();
  });
});

/** Reads the first "9 min 58 s", "10 min 0 s" or "42 s" in `text` as seconds. */
function parseDuration(text: string): number {
  const match = /(?:(\d+) min)?\s*(?:(\d+) s)?/.exec(text.slice(text.search(/\d/)));
  if (!match || (!match[1] && !match[2])) throw new Error(`Found no duration in "${text}"`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}
