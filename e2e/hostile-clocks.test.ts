// The built extension against servers whose clocks are skewed or jump between
// connections: countdowns, badge and reminders must follow the server's clock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";
import {
  badgeText,
  DAY,
  expectBadge,
  HostileServer,
  HOUR,
  iso,
  MINUTE,
  popupText,
  readClock,
  SECOND,
  secondsAfter,
  startHostileServer,
  useEndpoint,
  waitForNotification,
  waitForWindows,
} from "./hostile-server";

describe.skipIf(!hasChromium())("server clocks", () => {
  let session: ExtensionSession;
  let server: HostileServer;

  beforeAll(async () => {
    session = await launchExtension();
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async () => {
    await server?.close();
  });

  async function checkSkewedClock(offsetMs: number, noticeText: string) {
    server = await startHostileServer({ offsetMs });
    await useEndpoint(session, server.url, { reminderMinutes: 1 });
    const clock = await readClock(session);
    expect(Math.abs((clock?.offset ?? NaN) - offsetMs)).toBeLessThan(2000);

    // The reminder (1 min lead) is due 5 s from now on the server's clock.
    const starting = server.now() + 65 * SECOND;
    const id = iso(starting);
    const announcedAt = Date.now();
    server.broadcast({
      kind: "maintenance",
      starting: id,
      ending: iso(starting + 10 * MINUTE),
      message: "Skewed",
    });
    await waitForNotification(session, `ba:${id}:announced`);
    await expectBadge(session, "2m");

    const popup = await session.openPopup();
    await popup.getByText("Upcoming maintenance").waitFor();
    const text = await popupText(popup);
    const startsIn = secondsAfter(text, "Starts in");
    expect(startsIn, text).toBeGreaterThanOrEqual(60);
    expect(startsIn, text).toBeLessThanOrEqual(65);
    expect(text).toContain(noticeText);

    await waitForNotification(session, `ba:${id}:reminder`, 10_000);
    const reminderAfter = Date.now() - announcedAt;
    expect(reminderAfter, "reminder delay after the announcement").toBeGreaterThan(4000);
    expect(reminderAfter, "reminder delay after the announcement").toBeLessThan(8000);
    expect(await session.getNotificationIds()).not.toContain(`ba:${id}:started`);
    await popup.close();
  }

  it("server clock one day ahead", async () => {
    await checkSkewedClock(DAY, "Your clock is 1 d behind the server");
  });

  it("server clock three hours behind", async () => {
    await checkSkewedClock(-3 * HOUR, "Your clock is 3 h ahead of the server");
  });

  it("one broadcast stamped hours ahead", async () => {
    server = await startHostileServer({ offsetMs: 0 });
    await useEndpoint(session, server.url);
    const starting = server.now() + 2 * HOUR;
    const window = {
      kind: "maintenance",
      starting: iso(starting),
      ending: iso(starting + HOUR),
      message: "Steady",
    };
    // Enough repeats to fill the clock's samples with broadcast readings.
    for (let i = 0; i < 12; i++) server.broadcast(window);
    server.send(
      `broadcast ${JSON.stringify({ ...window, serverTime: iso(server.now() + 3 * HOUR) })}`,
    );
    const later = server.now() + 5 * HOUR;
    server.broadcast({ ...window, starting: iso(later), ending: iso(later + HOUR) });
    await waitForWindows(session, 2);

    const clock = await readClock(session);
    expect(Math.abs(clock?.offset ?? NaN)).toBeLessThan(2000);
    await expectBadge(session, "2h");
    const ids = await session.getNotificationIds();
    expect(ids).not.toContain(`ba:${iso(starting)}:ended`);
  });

  it("clock jump between connections", async () => {
    server = await startHostileServer({ offsetMs: 0 });
    await useEndpoint(session, server.url, { reminderMinutes: 15 });
    const starting = server.now() + 3 * HOUR;
    server.broadcast({
      kind: "maintenance",
      starting: iso(starting),
      ending: iso(starting + HOUR),
      message: "Jump",
    });
    await waitForWindows(session, 1);
    await expectBadge(session, "3h");

    // The next connection finds the server's clock two hours later.
    server.options.offsetMs = 2 * HOUR;
    const attemptsBefore = server.connections.length;
    server.dropAll();
    await waitFor(
      "a reconnect",
      () => server.connections.length,
      (n) => n > attemptsBefore,
      8000,
    );
    const clock = await waitFor(
      "the clock to follow the jump",
      () => readClock(session),
      (value) => Math.abs((value?.offset ?? 0) - 2 * HOUR) < 2000,
      4000,
    );
    expect(clock?.samples.length).toBeGreaterThan(0);
    await waitFor(
      "the badge to follow the jump",
      () => badgeText(session),
      (text) => text === "1h",
      4000,
    );
    const popup = await session.openPopup();
    await popup.getByText("Upcoming maintenance").waitFor();
    const startsIn = secondsAfter(await popupText(popup), "Starts in");
    expect(startsIn).toBeGreaterThan(HOUR / 1000 - 20);
    expect(startsIn).toBeLessThanOrEqual(HOUR / 1000);

    // ...and back again: the window is three hours out once more.
    server.options.offsetMs = 0;
    const again = server.connections.length;
    server.dropAll();
    await waitFor(
      "a reconnect",
      () => server.connections.length,
      (n) => n > again,
      8000,
    );
    await waitFor(
      "the badge to follow the jump back",
      () => badgeText(session),
      (text) => text === "3h",
      4000,
    );
    const ids = await session.getNotificationIds();
    expect(ids.filter((id) => id.startsWith(`ba:${iso(starting)}:`))).toEqual([
      `ba:${iso(starting)}:announced`,
    ]);
    await popup.close();
  });
});

// ---------------------------------------------------------------------------
// Slow tests, each with its own browser, run side by side.
