import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { defaultSettings } from "../../core/settings";
import {
  announcementsItem,
  clockItem,
  diagnosticsItem,
  notifiedItem,
  settingsItem,
  statusItem,
} from "../../lib/storage";
import { FakeWebSocket } from "../../lib/fake-web-socket";
import { createWorker } from "./worker";

const LOCAL_NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const OFFSET = 5 * 60_000; // the server clock runs five minutes ahead
const MINUTE = 60_000;
const ENDPOINT = "ws://127.0.0.1:9999/secret-ghost";

const iso = (ms: number) => new Date(ms).toISOString();
const serverNow = () => Date.now() + OFFSET;
const silentLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function greeting() {
  return `connectionResponse {"errorCode":0,"message":"","serverTime":"${iso(serverNow())}"}`;
}

function maintenance(startIn: number, endIn: number) {
  const now = serverNow();
  return `broadcast {"kind":"maintenance","serverTime":"${iso(now)}","starting":"${iso(now + startIn)}","ending":"${iso(now + endIn)}","message":"Planned work"}`;
}

async function startConnected() {
  const worker = createWorker(silentLog);
  await worker.ensureConnected();
  const socket = FakeWebSocket.latest();
  socket.open();
  socket.receive(greeting());
  await worker.refresh();
  return { worker, socket };
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({
    now: LOCAL_NOW,
    toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"],
  });
  vi.stubGlobal("WebSocket", FakeWebSocket);
  FakeWebSocket.instances = [];
  await settingsItem.setValue(defaultSettings(ENDPOINT));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("worker connection", () => {
  it("connects to the configured endpoint", async () => {
    await startConnected();
    expect(FakeWebSocket.latest().url).toBe(ENDPOINT);
    expect((await statusItem.getValue()).state).toBe("open");
  });

  it("stays idle without an endpoint", async () => {
    await settingsItem.setValue(defaultSettings(""));
    const worker = createWorker(silentLog);
    await worker.ensureConnected();
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect((await statusItem.getValue()).state).toBe("idle");
    expect(await fakeBrowser.action.getBadgeText({})).toBe("SET");
  });

  it("estimates the clock offset from the greeting", async () => {
    await startConnected();
    const clock = await clockItem.getValue();
    expect(Math.abs(clock.offset - OFFSET)).toBeLessThan(1000);
  });

  it("sends a keepalive noop every 20 s", async () => {
    const { socket } = await startConnected();
    await vi.advanceTimersByTimeAsync(41_000);
    expect(socket.sent).toEqual(['noop {"reqId":1}', 'noop {"reqId":2}']);
  });

  it("retries with backoff after a drop", async () => {
    const { worker, socket } = await startConnected();
    socket.drop(1006);
    await worker.refresh();
    const status = await statusItem.getValue();
    expect(status.state).toBe("waiting");
    expect(status.retryAt! - Date.now()).toBeGreaterThanOrEqual(500);
    expect(status.retryAt! - Date.now()).toBeLessThanOrEqual(1000);
    expect(await fakeBrowser.alarms.get("reconnect")).toBeDefined();

    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it("keeps backing off when the server greets and drops at once", async () => {
    const worker = createWorker(silentLog);
    await worker.ensureConnected();
    for (let i = 0; i < 4; i++) {
      const socket = FakeWebSocket.latest();
      socket.open();
      socket.receive(greeting());
      socket.drop(1006);
      await worker.refresh();
      await vi.advanceTimersByTimeAsync((await statusItem.getValue()).retryAt! - Date.now());
    }
    const status = await statusItem.getValue();
    expect(status.attempt).toBe(4);
    expect(FakeWebSocket.instances).toHaveLength(5);
  });

  it("retries when the WebSocket constructor throws", async () => {
    vi.stubGlobal(
      "WebSocket",
      class {
        constructor() {
          throw new SyntaxError("The URL is invalid");
        }
      },
    );
    const worker = createWorker(silentLog);
    await worker.ensureConnected();
    await worker.refresh();
    const status = await statusItem.getValue();
    expect(status.state).toBe("waiting");
    expect(status.lastError).toMatch(/^Cannot open a WebSocket to this URL: SyntaxError/);
    expect(await fakeBrowser.alarms.get("reconnect")).toBeDefined();
  });

  it("takes a silent open socket as up after a while", async () => {
    const worker = createWorker(silentLog);
    await worker.ensureConnected();
    FakeWebSocket.latest().open();
    await worker.refresh();
    expect((await statusItem.getValue()).state).toBe("connecting");

    await vi.advanceTimersByTimeAsync(10_000);
    expect((await statusItem.getValue()).state).toBe("open");
  });

  it("drops a socket that goes silent", async () => {
    const { socket } = await startConnected();
    // The check runs with the keepalive, every 20 s: the third one finds 60 s of silence.
    await vi.advanceTimersByTimeAsync(59_000);
    expect(socket.closedWith).toBeNull();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(socket.closedWith).toBe(1000);
    expect((await statusItem.getValue()).lastError).toMatch(/sent nothing for 50 s/);
  });

  it("refuses a session the server rejects", async () => {
    const worker = createWorker(silentLog);
    await worker.ensureConnected();
    const socket = FakeWebSocket.latest();
    socket.open();
    socket.receive('connectionResponse {"errorCode":3,"message":"Session expired"}');
    await worker.refresh();
    const status = await statusItem.getValue();
    expect(status.state).toBe("error");
    expect(status.lastError).toBe("Session expired");
  });
});

describe("worker announcements", () => {
  it("stores a window and notifies once", async () => {
    const { worker, socket } = await startConnected();
    socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    await worker.refresh();

    const { windows } = await announcementsItem.getValue();
    expect(windows).toHaveLength(1);
    const notifications = await fakeBrowser.notifications.getAll();
    expect(Object.keys(notifications)).toEqual([`ba:${windows[0]!.id}:announced`]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe("1h");
  });

  it("waits quietly for a window a month ahead", async () => {
    const { worker, socket } = await startConnected();
    socket.receive(maintenance(30 * 24 * 60 * MINUTE, 30 * 24 * 60 * MINUTE + 60 * MINUTE));
    await worker.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe("30d");

    const setBadge = vi.spyOn(fakeBrowser.action, "setBadgeText");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(setBadge).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBeLessThan(10);
  });

  it("coalesces a flood of changes to one window", async () => {
    const { worker, socket } = await startConnected();
    socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    await worker.refresh();
    const create = vi.spyOn(fakeBrowser.notifications, "create");
    const setBadge = vi.spyOn(fakeBrowser.action, "setBadgeText");

    const frame = maintenance(60 * MINUTE, 90 * MINUTE);
    for (let i = 0; i < 200; i++) socket.receive(frame.replace("Planned work", `Work ${i}`));
    await worker.refresh();

    expect(create).toHaveBeenCalledTimes(1);
    const notifications = await fakeBrowser.notifications.getAll();
    const changed = Object.entries(notifications).find(([id]) => id.endsWith(":changed"));
    expect(changed?.[1]).toMatchObject({ message: expect.stringMatching(/Work 199$/) });
    expect(setBadge.mock.calls.length).toBeLessThanOrEqual(2);
    expect(Object.keys(await notifiedItem.getValue())).toHaveLength(2);
    expect((await announcementsItem.getValue()).windows[0]!.message).toBe("Work 199");
  });

  it("clears the notice of a rescheduled window", async () => {
    const { worker, socket } = await startConnected();
    socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    await worker.refresh();
    const [oldId] = Object.keys(await fakeBrowser.notifications.getAll());

    socket.receive(maintenance(70 * MINUTE, 100 * MINUTE));
    await worker.refresh();
    const { windows } = await announcementsItem.getValue();
    expect(windows).toHaveLength(1);
    const notificationIds = Object.keys(await fakeBrowser.notifications.getAll());
    expect(notificationIds).toEqual([`ba:${windows[0]!.id}:announced`]);
    expect(notificationIds).not.toContain(oldId);
  });

  it("does not repeat a notification after a worker restart", async () => {
    const first = await startConnected();
    first.socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    await first.worker.refresh();
    await fakeBrowser.notifications.clear(
      Object.keys(await fakeBrowser.notifications.getAll())[0]!,
    );

    const second = await startConnected();
    second.socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    await second.worker.refresh();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it("reminds on the server clock", async () => {
    const { worker, socket } = await startConnected();
    socket.receive(maintenance(30 * MINUTE, 60 * MINUTE));
    await worker.refresh();

    // 15 minutes before the start on the server clock, not on the local one.
    await vi.advanceTimersByTimeAsync(15 * MINUTE - 2000);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000);
    const ids = Object.keys(await fakeBrowser.notifications.getAll());
    expect(ids.some((id) => id.endsWith(":reminder"))).toBe(true);
  });

  it("keeps stored state through bad frames", async () => {
    const { worker, socket } = await startConnected();
    socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    await worker.refresh();
    const before = await announcementsItem.getValue();

    socket.receive("broadcast {not json");
    socket.receive('broadcast {"kind":"party"}');
    socket.receive(
      `broadcast {"kind":"maintenance","starting":"soon","ending":"${iso(serverNow())}"}`,
    );
    await worker.refresh();
    await vi.advanceTimersByTimeAsync(1000);

    expect(await announcementsItem.getValue()).toEqual(before);
    const diagnostics = await diagnosticsItem.getValue();
    expect(diagnostics.rejected).toEqual({
      "invalid-json": 1,
      "unknown-kind": 1,
      "invalid-field": 1,
    });
  });

  it("waits for the upgrade eta before reconnecting", async () => {
    const { worker, socket } = await startConnected();
    const eta = serverNow() + 2 * MINUTE;
    socket.receive(
      `broadcast {"kind":"upgrade","serverTime":"${iso(serverNow())}","eta":"${iso(eta)}","reload":true}`,
    );
    socket.drop(1001);
    await worker.refresh();

    const status = await statusItem.getValue();
    expect(status.retryAt! + OFFSET).toBeGreaterThanOrEqual(eta);
    await vi.advanceTimersByTimeAsync(2 * MINUTE - 1000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it("reports an upgrade complete after the greeting that follows eta", async () => {
    const { worker, socket } = await startConnected();
    const eta = serverNow() + 40_000;
    socket.receive(
      `broadcast {"kind":"upgrade","serverTime":"${iso(serverNow())}","eta":"${iso(eta)}","reload":true}`,
    );
    socket.drop(1001);
    await worker.refresh();

    await vi.advanceTimersByTimeAsync(46_000);
    const next = FakeWebSocket.latest();
    expect(next).not.toBe(socket);
    next.open();
    next.receive(greeting());
    await worker.refresh();

    const notifications = await fakeBrowser.notifications.getAll();
    const complete = Object.entries(notifications).find(([id]) => id.endsWith(":upgrade-complete"));
    expect(complete?.[1].message).toMatch(/Reload/);
    expect((await announcementsItem.getValue()).upgrades).toEqual([]);
  });

  it("clears announcements when the endpoint changes", async () => {
    const { worker, socket } = await startConnected();
    socket.receive(maintenance(60 * MINUTE, 90 * MINUTE));
    await worker.refresh();

    const previous = await settingsItem.getValue();
    const next = { ...previous, endpoint: "ws://127.0.0.1:9998/" };
    await worker.handleSettingsChange(next, previous);

    expect((await announcementsItem.getValue()).windows).toEqual([]);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(FakeWebSocket.latest().url).toBe("ws://127.0.0.1:9998/");
    expect(socket.closedWith).toBe(1000);
  });
});
