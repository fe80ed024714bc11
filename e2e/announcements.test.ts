import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnnouncementState, ConnectionStatus, Diagnostics } from "../core/types";
import { type BroadcastServer, startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";

const MINUTE = 60_000;

describe.skipIf(!hasChromium())("announcements in the browser", () => {
  let session: ExtensionSession;
  let server: BroadcastServer;

  beforeAll(async () => {
    session = await launchExtension();
  });

  afterAll(async () => {
    await session?.close();
  });

  // A new endpoint makes the worker forget what the previous server announced.
  beforeEach(async () => {
    server = await startBroadcastServer();
    await session.setSettings({ endpoint: server.url });
    await waitFor(
      "the worker to greet the server",
      () => readStatus(),
      (s) => s?.state === "open",
    );
  });

  afterEach(async () => {
    await server?.close();
  });

  function readStatus() {
    return session.readStorage<ConnectionStatus>("status");
  }

  function readAnnouncements() {
    return session.readStorage<AnnouncementState>("announcements");
  }

  function announceWindow(starting: number) {
    server.broadcast({
      kind: "maintenance",
      starting: new Date(starting).toISOString(),
      ending: new Date(starting + 30 * MINUTE).toISOString(),
      message: "Database maintenance",
    });
  }

  it("maintenance broadcast raises a notification", async () => {
    const starting = server.now() + 2 * 60 * MINUTE;
    const id = `ba:${new Date(starting).toISOString()}:announced`;

    announceWindow(starting);

    const ids = await waitFor(
      `notification ${id}`,
      () => session.getNotificationIds(),
      (shown) => shown.includes(id),
      5000,
    );
    expect(ids).toContain(id);
    const stored = await readAnnouncements();
    expect(stored?.windows).toHaveLength(1);
    expect(stored?.windows[0]?.starting).toBe(starting);
  });

  it("malformed frames leave the stored window", async () => {
    const starting = server.now() + 2 * 60 * MINUTE;
    const startingIso = new Date(starting).toISOString();
    announceWindow(starting);
    const before = await waitFor(
      "the window in storage",
      () => readAnnouncements(),
      (state) => state?.windows.length === 1,
    );

    server.sendRaw("broadcast {not json");
    server.sendRaw(`broadcast ${JSON.stringify({ kind: "maintenance", pad: "x".repeat(70_000) })}`);
    server.sendRaw(`broadcast ${JSON.stringify({ kind: "outage", starting: startingIso })}`);
    server.sendRaw(
      `broadcast ${JSON.stringify({ kind: "maintenance", starting: startingIso, ending: "soon" })}`,
    );

    const diagnostics = await waitFor(
      "four counted rejections",
      () => session.readStorage<Diagnostics>("diagnostics"),
      (value) => countRejections(value) >= 4,
    );
    expect(diagnostics?.rejected["invalid-json"]).toBe(1);
    expect(diagnostics?.rejected["frame-too-large"]).toBe(1);
    expect(diagnostics?.rejected["unknown-kind"]).toBe(1);
    expect(diagnostics?.rejected["invalid-field"]).toBe(1);
    expect(await readAnnouncements()).toEqual(before);
    expect((await readStatus())?.state).toBe("open");
  });
});

function countRejections(diagnostics: Diagnostics | undefined): number {
  return Object.values(diagnostics?.rejected ?? {}).reduce((sum, count) => sum + count, 0);
}
