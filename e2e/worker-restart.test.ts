// Chrome may stop an MV3 worker at any time. This test stops it on purpose
// through the DevTools protocol and checks that the watchdog alarm brings it
// back, that it reconnects, and that it repeats no notification.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnouncementState, ConnectionStatus } from "../core/types";
import { type BroadcastServer, startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";

const MINUTE = 60_000;

/** The part of the `chrome` API this test calls inside an extension page. */
interface PageChrome {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  notifications: {
    getAll(): Promise<Record<string, boolean>>;
    clear(id: string): Promise<boolean>;
  };
}
type PageScope = typeof globalThis & { chrome: PageChrome };

/** The watchdog alarm fires every 30 s; this leaves room for a slow machine. */
const REVIVAL_TIMEOUT_MS = 50_000;

describe.skipIf(!hasChromium())("worker restart", () => {
  let session: ExtensionSession;
  let server: BroadcastServer;
  let page: Page;

  beforeAll(async () => {
    session = await launchExtension();
    server = await startBroadcastServer();
    await session.setSettings({ endpoint: server.url });
    // An extension page reads storage and notifications whether or not the worker runs.
    page = await session.openPopup();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  function readStorage<T>(key: string): Promise<T | undefined> {
    return page.evaluate(
      async (name) => (await (globalThis as PageScope).chrome.storage.local.get(name))[name],
      key,
    ) as Promise<T | undefined>;
  }

  function readNotificationIds(): Promise<string[]> {
    return page.evaluate(async () =>
      Object.keys(await (globalThis as PageScope).chrome.notifications.getAll()),
    );
  }

  async function stopWorker() {
    const cdp = await session.context.newCDPSession(page);
    const versions: { versionId: string; runningStatus: string; scriptURL: string }[] = [];
    cdp.on("ServiceWorker.workerVersionUpdated", (event) => versions.push(...event.versions));
    await cdp.send("ServiceWorker.enable");
    const running = await waitFor(
      "the worker's running version",
      () => versions.find((version) => version.runningStatus === "running"),
      (version) => version !== undefined,
    );
    await cdp.send("ServiceWorker.stopWorker", { versionId: running!.versionId });
    await cdp.detach();
  }

  it("comes back without repeating a notification", { timeout: 90_000 }, async () => {
    await waitFor(
      "the worker to greet the server",
      () => readStorage<ConnectionStatus>("status"),
      (status) => status?.state === "open",
    );
    const starting = server.now() + 60 * MINUTE;
    server.broadcast({
      kind: "maintenance",
      starting: new Date(starting).toISOString(),
      ending: new Date(starting + 30 * MINUTE).toISOString(),
      message: "Storage migration",
    });
    const id = `ba:${new Date(starting).toISOString()}:announced`;
    await waitFor(`notification ${id}`, readNotificationIds, (ids) => ids.includes(id));
    await page.evaluate((shown) => (globalThis as PageScope).chrome.notifications.clear(shown), id);

    const connectionsBefore = server.connections;
    await stopWorker();
    await waitFor(
      "the socket to close",
      () => server.clientCount,
      (count) => count === 0,
    );

    await waitFor(
      "the watchdog alarm to revive the worker and reconnect",
      () => server.connections,
      (count) => count > connectionsBefore,
      REVIVAL_TIMEOUT_MS,
    );
    await waitFor(
      "the revived worker to greet the server",
      () => readStorage<ConnectionStatus>("status"),
      (status) => status?.state === "open",
    );

    // The server replays the window after the greeting; give the worker time to handle it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const announcements = await readStorage<AnnouncementState>("announcements");
    expect(announcements?.windows.map((window) => window.starting)).toEqual([starting]);
    expect(await readNotificationIds()).toEqual([]);
  });
});
