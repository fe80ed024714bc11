// The built extension against garbage and floods of frames: every check reads
// what a user would see, and stored state must survive each bad frame.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";
import {
  expectBadge,
  HostileServer,
  HOUR,
  iso,
  MINUTE,
  popupText,
  readAnnouncements,
  readClock,
  readDiagnostics,
  readStatus,
  rejectedTotal,
  secondsAfter,
  sleep,
  startHostileServer,
  useEndpoint,
  waitForWindows,
} from "./hostile-server";

describe.skipIf(!hasChromium())("hostile frames", () => {
  let session: ExtensionSession;
  let server: HostileServer;
  const consoleLines: { at: number; text: string }[] = [];

  beforeAll(async () => {
    session = await launchExtension();
    session.worker.on("console", (message) =>
      consoleLines.push({ at: Date.now(), text: message.text() }),
    );
  });

  afterAll(async () => {
    await session?.close();
  });

  beforeEach(async () => {
    server = await startHostileServer();
    await useEndpoint(session, server.url);
  });

  afterEach(async () => {
    await server?.close();
  });

  function announceWindow(startingInMs = 2 * HOUR, extra: Record<string, unknown> = {}) {
    const starting = server.now() + startingInMs;
    const body = {
      kind: "maintenance",
      starting: iso(starting),
      ending: iso(starting + 30 * MINUTE),
      message: "Database maintenance",
      ...extra,
    };
    server.broadcast(body);
    return { starting, body };
  }

  /** Sends `count` frames made by `make` spread evenly over about one second. */
  async function floodOverOneSecond(count: number, make: (i: number) => string | Buffer) {
    const batches = 20;
    for (let batch = 0; batch < batches; batch++) {
      for (let i = batch * (count / batches); i < (batch + 1) * (count / batches); i++) {
        server.send(make(i));
      }
      await sleep(1000 / batches);
    }
  }

  it("flood of 2000 rejected frames", async () => {
    announceWindow();
    const before = await waitForWindows(session, 1);
    const diagnosticsBefore = rejectedTotal(await readDiagnostics(session));
    const linesBefore = consoleLines.length;
    const kinds = [
      (i: number) => `broadcast {not json ${i}`,
      (i: number) => `broadcast [${i}]`,
      (i: number) => `broadcast {"kind":"party-${i}","serverTime":"${iso(server.now())}"}`,
      (i: number) => `broadcast {"kind":"maintenance","starting":"bad-${i}","ending":"x"}`,
    ];

    const flood = floodOverOneSecond(2000, (i) => kinds[i % kinds.length]!(i));
    // The worker must still respond to an evaluate call while the flood runs.
    const pingStart = Date.now();
    await session.worker.evaluate(() => 1);
    const pingMs = Date.now() - pingStart;
    await flood;

    // A valid announcement right after the flood still gets through.
    const next = announceWindow(5 * HOUR);
    const after = await waitForWindows(session, 2, 5000);
    await waitFor(
      "2000 rejections counted in the diagnostics",
      async () => rejectedTotal(await readDiagnostics(session)),
      (total) => total >= diagnosticsBefore + 2000,
      5000,
    );
    await sleep(1500);
    const floodLines = consoleLines.slice(linesBefore).map((line) => line.text);

    expect(pingMs, "worker answer time during the flood").toBeLessThan(2000);
    expect(after?.windows[0]).toEqual(before?.windows[0]);
    expect(after?.windows[1]?.starting).toBe(next.starting);
    expect(consoleLines.length, "the worker console is captured at all").toBeGreaterThan(0);
    expect(floodLines.length, `console lines: ${floodLines.slice(0, 8).join(" | ")}`).toBeLessThan(
      20,
    );
    expect((await readStatus(session))?.state).toBe("open");
    await expectBadge(session, "2h");
  });

  it("flood of garbled serverTime values", async () => {
    const { body } = announceWindow();
    await waitForWindows(session, 1);
    const linesBefore = consoleLines.length;

    // The same valid window 2000 times, each with a different unreadable serverTime.
    await floodOverOneSecond(
      2000,
      (i) => `broadcast ${JSON.stringify({ ...body, serverTime: `garbled-${i}` })}`,
    );
    await sleep(1500);
    const floodLines = consoleLines.slice(linesBefore).map((line) => line.text);

    expect(floodLines.length, `console lines: ${floodLines.slice(0, 3).join(" | ")}`).toBeLessThan(
      20,
    );
    expect((await readAnnouncements(session))?.windows).toHaveLength(1);
  });

  it("binary frame counted as rejected", async () => {
    announceWindow();
    const before = await waitForWindows(session, 1);
    const { body } = announceWindow(3 * HOUR);
    server.send(Buffer.from(`broadcast ${JSON.stringify(body)}`));

    const diagnostics = await waitFor(
      "a counted rejection",
      () => readDiagnostics(session),
      (value) => rejectedTotal(value) >= 1,
      4000,
    ).catch(() => readDiagnostics(session));
    await sleep(300);
    // The text copy of the second window arrives too; only the binary one must be rejected.
    expect(rejectedTotal(diagnostics)).toBe(1);
    expect(diagnostics?.rejected["invalid-json"]).toBe(1);
    expect((await readAnnouncements(session))?.windows[0]).toEqual(before?.windows[0]);
  });

  it("empty broadcast counted as rejected", async () => {
    server.send("broadcast");
    server.send("broadcast    ");

    const diagnostics = await waitFor(
      "two counted rejections",
      () => readDiagnostics(session),
      (value) => rejectedTotal(value) >= 2,
      3000,
    ).catch(() => readDiagnostics(session));
    expect(rejectedTotal(diagnostics), JSON.stringify(diagnostics)).toBe(2);
    expect((await readAnnouncements(session))?.windows).toHaveLength(0);
  });

  it("broadcast without space not dropped silently", async () => {
    const starting = server.now() + 2 * HOUR;
    const body = {
      kind: "maintenance",
      serverTime: iso(server.now()),
      starting: iso(starting),
      ending: iso(starting + HOUR),
      message: "nospace",
    };
    server.send(`broadcast${JSON.stringify(body)}`);
    await sleep(1500);

    const stored = (await readAnnouncements(session))?.windows.length ?? 0;
    const counted = rejectedTotal(await readDiagnostics(session));
    expect(
      { stored, counted },
      "the frame neither reached storage nor the popup's diagnostics",
    ).not.toEqual({ stored: 0, counted: 0 });
  });

  it("HTML message rendered as text", async () => {
    const hostile =
      `<img src="x" onerror="document.title='pwned'"><script>document.title='pwned'</script>` +
      `<b>bold</b> & <a href="javascript:alert(1)">link</a>`;
    announceWindow(2 * HOUR, { message: hostile });
    await waitForWindows(session, 1);
    const popup = await session.openPopup();
    await popup.getByText("Upcoming maintenance").waitFor();

    const message = popup.locator(".message").first();
    expect(await message.innerText()).toBe(hostile);
    expect(await popup.locator("main img, main script, main b, main a").count()).toBe(0);
    expect(await popup.title()).not.toBe("pwned");
    await popup.close();
  });

  it("oversized, unicode and mistyped frames", async () => {
    const base = announceWindow(2 * HOUR, {
      message: "Wartung 🛠️ – 維護作業 – صيانة – e\u0301 – \u{1F9EA}",
    });
    const stored = await waitForWindows(session, 1);
    expect(stored?.windows[0]?.message).toBe(base.body.message);

    const big = { ...base.body, starting: iso(base.starting + HOUR), message: "é".repeat(36_000) };
    server.send(`broadcast ${JSON.stringify(big)}`);
    server.send(
      `broadcast ${JSON.stringify({ kind: "maintenance", starting: 1_893_456_000, ending: 1_893_459_600 })}`,
    );
    server.send(`broadcast ${JSON.stringify({ kind: 7, serverTime: iso(server.now()) })}`);
    // Tolerated: a numeric message and serverTime, a string reload.
    const eta = server.now() + 3 * HOUR;
    server.send(
      `broadcast ${JSON.stringify({ kind: "upgrade", eta: iso(eta), message: 42, reload: "yes", serverTime: 12345 })}`,
    );

    const diagnostics = await waitFor(
      "three counted rejections",
      () => readDiagnostics(session),
      (value) => rejectedTotal(value) >= 3,
    );
    const state = await waitFor(
      "the upgrade in storage",
      () => readAnnouncements(session),
      (value) => value?.upgrades.length === 1,
    );
    expect(diagnostics?.rejected).toEqual({
      "frame-too-large": 1,
      "invalid-field": 1,
      "unknown-kind": 1,
    });
    expect(state?.windows).toHaveLength(1);
    expect(state?.upgrades[0]).toMatchObject({ eta, message: "", reload: false });
    expect(Math.abs((await readClock(session))?.offset ?? NaN)).toBeLessThan(2000);

    const popup = await session.openPopup();
    await popup.getByText("Upcoming maintenance").waitFor();
    expect(await popupText(popup)).toContain("維護作業");
    await popup.close();
  });

  it("replayed 2017 serverTime keeps the clock", async () => {
    const before = (await readClock(session))?.offset ?? NaN;
    announceWindow(2 * HOUR, { serverTime: "2017-03-03T23:00:00Z" });
    await waitForWindows(session, 1);
    await sleep(300);

    const after = (await readClock(session))?.offset ?? NaN;
    expect(Math.abs(after - before)).toBeLessThan(1000);
    await expectBadge(session, "2h");
    const popup = await session.openPopup();
    await popup.getByText("Upcoming maintenance").waitFor();
    const text = await popupText(popup);
    expect(text).not.toMatch(/your clock is/i);
    expect(secondsAfter(text, "Starts in")).toBeGreaterThan(HOUR / 1000);
    await popup.close();
  });

  it("published examples change nothing", async () => {
    const shownBefore = await session.getNotificationIds();
    // As published, with trailing commas and a zone-less `ending`; both are long over.
    server.send(`broadcast {
"kind": "maintenance",
"serverTime": "2017-03-03T23:00:00Z",
"starting": "2017-03-04T23:59:00Z",
"ending": "2017-03-04T23:59:00",
"message": "The service is going down for maintenance at 03/04/2017 11:59pm. It will be under maintenance until 04/04/2017 4:00am.",
}`);
    server.send(`broadcast {
"kind": "upgrade",
"serverTime": "2017-03-04T12:50:00Z",
"eta": "2017-03-04T13:00:00Z",
"reload": true,
"message": "A service upgrade will be available at 03/04/2017 12:00pm. Upon reconnection, please reload all resources.",
}`);
    await sleep(1500);

    expect(rejectedTotal(await readDiagnostics(session))).toBe(0);
    expect(await readAnnouncements(session)).toMatchObject({ windows: [], upgrades: [] });
    expect(Math.abs((await readClock(session))?.offset ?? NaN)).toBeLessThan(2000);
    expect(await session.getNotificationIds()).toEqual(shownBefore);
    await expectBadge(session, "");
  });
});

// ---------------------------------------------------------------------------
