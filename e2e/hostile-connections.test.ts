// The built extension against servers that never greet, flap, stall the
// handshake, refuse the session or go quiet, and against drops inside
// announced downtime and replayed announcements.
import type { WebSocket } from "ws";
import { describe, expect, it } from "vitest";
import { type BroadcastServer, startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";
import {
  ALARMING,
  badgeText,
  expectBadge,
  HostileOptions,
  HostileServer,
  HOUR,
  iso,
  MINUTE,
  popupText,
  readAnnouncements,
  readClock,
  readStatus,
  SECOND,
  sleep,
  startHostileServer,
  useEndpoint,
  waitForNotification,
} from "./hostile-server";

describe.skipIf(!hasChromium()).concurrent("connections", () => {
  async function withSession(
    options: Partial<HostileOptions>,
    body: (session: ExtensionSession, server: HostileServer) => Promise<void>,
  ) {
    const [session, server] = await Promise.all([launchExtension(), startHostileServer(options)]);
    try {
      await body(session, server);
    } finally {
      await session.close();
      await server.close();
    }
  }

  it("server that never greets", async () => {
    await withSession({ onConnection: () => {} }, async (session, server) => {
      await session.setSettings({ endpoint: server.url });
      await waitFor(
        "the socket to open",
        () => server.connections.length,
        (n) => n > 0,
      );
      await sleep(4000);
      expect((await readStatus(session))?.state, "before the 10 s greeting timeout").toBe(
        "connecting",
      );
      const popup = await session.openPopup();
      expect(await popupText(popup)).not.toContain("Connected");
      // Documented fallback: after 10 s without a greeting the socket counts as up.
      await waitFor(
        "the greeting timeout",
        () => readStatus(session),
        (status) => status?.state === "open",
        9000,
      );
      expect(server.connections).toHaveLength(1);
      await popup.close();
    });
  });

  it("flapping server gets backoff", async () => {
    const onConnection = (client: WebSocket, server: HostileServer) => {
      server.greet(client);
      setImmediate(() => client.terminate());
    };
    await withSession({ onConnection }, async (session, server) => {
      await session.setSettings({ endpoint: server.url });
      await waitFor(
        "the first connection",
        () => server.connections.length,
        (n) => n > 0,
      );
      const first = server.connections[0]!;
      await sleep(20_000);
      const within = server.connections.filter((at) => at - first <= 20_000);
      const gaps = within.slice(1).map((at, i) => at - within[i]!);
      console.info(
        `flapping server: ${within.length} connections in 20 s, gaps ${gaps.join(", ")} ms`,
      );

      expect(within.length, `gaps ${gaps.join(", ")} ms`).toBeLessThanOrEqual(7);
      expect(within.length, `gaps ${gaps.join(", ")} ms`).toBeGreaterThanOrEqual(3);
      expect(gaps.at(-1)!, `gaps ${gaps.join(", ")} ms`).toBeGreaterThan(gaps[0]!);
      await expectBadge(session, /^(OFF|)$/);
    });
  });

  it("slow handshake skews no clock", async () => {
    await withSession({ handshakeDelayMs: 12_000 }, async (session, server) => {
      await session.setSettings({ endpoint: server.url });
      await waitFor(
        "the slow greeting",
        () => readStatus(session),
        (status) => status?.state === "open",
        16_000,
      );
      const clock = await readClock(session);
      const popup = await session.openPopup();
      await popup.getByText("Connected").waitFor();
      const text = await popupText(popup);

      // Both clocks are the same machine's, so any offset is an artefact.
      expect(text).not.toMatch(/your clock is/i);
      expect(Math.abs(clock?.offset ?? NaN), `offset ${clock?.offset} ms`).toBeLessThan(2000);
      expect(server.attempts).toHaveLength(1);
      await popup.close();
    });
  });

  it("silent server gets keepalives", async () => {
    await withSession({}, async (session, server) => {
      await useEndpoint(session, server.url);
      await waitFor(
        "a keepalive",
        () => server.received.filter((text) => text.startsWith("noop")).length,
        (n) => n > 0,
        23_000,
      );
      expect((await readStatus(session))?.state).toBe("open");
      expect(server.connections).toHaveLength(1);
    });
  });

  it("session refused with errorCode 5", async () => {
    const onConnection = (client: WebSocket, server: HostileServer) =>
      server.greet(client, { errorCode: 5, message: "Session expired" });
    await withSession({ onConnection }, async (session, server) => {
      await session.setSettings({ endpoint: server.url });
      const status = await waitFor(
        "the refusal",
        () => readStatus(session),
        (value) => value?.state === "error",
      );
      expect(status?.lastError).toBe("Session expired");
      const popup = await session.openPopup();
      await popup.getByText(/Session expired/).waitFor();
      const text = await popupText(popup);
      expect(text).toContain("The server rejected the session");
      expect(text).toContain("Reason: Session expired");
      await expectBadge(session, "ERR");

      const first = server.connections[0]!;
      await sleep(12_000);
      const within = server.connections.filter((at) => at - first <= 12_000);
      console.info(`refusing server: ${within.length} connections in 12 s`);
      // A rejected session waits about half a minute before the next attempt.
      expect(within.length, "connections in 12 s").toBe(1);
      await popup.close();
    });
  });

  it("drops during maintenance stay calm", async () => {
    await withSession({}, async (session, server) => {
      await useEndpoint(session, server.url);
      const starting = server.now() - MINUTE;
      server.broadcast({
        kind: "maintenance",
        starting: iso(starting),
        ending: iso(starting + 15 * MINUTE),
        message: "In progress",
      });
      await waitForNotification(session, `ba:${iso(starting)}:started`);
      const popup = await session.openPopup();
      await popup.getByText("In maintenance now").waitFor();

      // The service goes down: the socket drops and new handshakes hang.
      server.options.handshakeDelayMs = Infinity;
      server.dropAll();
      const samples: { badge: string; text: string }[] = [];
      const until = Date.now() + 5000;
      while (Date.now() < until) {
        samples.push({ badge: await badgeText(session), text: await popupText(popup) });
        await sleep(200);
      }

      const alarming = samples.filter(({ text }) => ALARMING.test(text));
      expect(new Set(samples.map((s) => s.badge))).toEqual(new Set(["MNT"]));
      expect(samples.some(({ text }) => text.includes("Down for maintenance, as announced"))).toBe(
        true,
      );
      expect(
        [
          ...new Set(
            alarming.flatMap(({ text }) => text.split("\n").filter((line) => ALARMING.test(line))),
          ),
        ],
        `${alarming.length} of ${samples.length} popup samples show error text`,
      ).toEqual([]);
      await popup.close();
    });
  });
});

// ---------------------------------------------------------------------------

describe.skipIf(!hasChromium()).concurrent("replayed announcements", () => {
  async function withDemo(
    body: (session: ExtensionSession, server: BroadcastServer) => Promise<void>,
  ) {
    const [session, server] = await Promise.all([launchExtension(), startBroadcastServer()]);
    try {
      await useEndpoint(session, server.url);
      await body(session, server);
    } finally {
      await session.close();
      await server.close();
    }
  }

  it("upgrade drop waits for eta", async () => {
    await withDemo(async (session, server) => {
      const eta = server.now() + 10 * SECOND;
      const id = iso(eta);
      server.broadcast({ kind: "upgrade", eta: id, reload: true, message: "v2" });
      await waitForNotification(session, `ba:${id}:upgrade-announced`);
      await expectBadge(session, "UPG");

      const before = server.connections;
      const reconnects: number[] = [];
      server.dropAll();
      const etaLocal = eta; // offset 0
      await waitFor(
        "the reconnect after the eta",
        () => {
          if (server.connections > before + reconnects.length) reconnects.push(Date.now());
          return reconnects.length;
        },
        (n) => n > 0,
        18_000,
      );

      expect(reconnects[0]! - etaLocal, "reconnect time minus eta, ms").toBeGreaterThanOrEqual(0);
      expect(reconnects[0]! - etaLocal, "reconnect time minus eta, ms").toBeLessThan(6500);
      const state = await waitFor(
        "the upgrade to complete",
        () => readAnnouncements(session),
        (value) => value?.upgrades.length === 0 && value.history.length === 1,
      );
      expect(state?.history[0]).toMatchObject({ kind: "upgrade", id });
      expect((state?.history[0] as { completedAt?: number }).completedAt).toBeGreaterThanOrEqual(
        eta,
      );
      await waitForNotification(session, `ba:${id}:upgrade-complete`);
      await expectBadge(session, "");
      const popup = await session.openPopup();
      await popup.getByText(/Recent/).click();
      await popup.getByText(/Upgrade, completed/).waitFor();
      await popup.close();
    });
  });

  it("replayed window stored once", async () => {
    await withDemo(async (session, server) => {
      const starting = server.now() + 2 * HOUR;
      const id = iso(starting);
      const body = {
        kind: "maintenance",
        starting: id,
        ending: iso(starting + 30 * MINUTE),
        message: "Replayed",
      };
      server.broadcast(body);
      await waitForNotification(session, `ba:${id}:announced`);

      for (let round = 0; round < 3; round++) {
        const count = server.connections;
        server.dropAll();
        await waitFor(
          "a reconnect",
          () => server.connections,
          (n) => n > count,
          8000,
        );
        await waitFor(
          "the greeting",
          () => readStatus(session),
          (status) => status?.state === "open",
        );
      }
      await sleep(500);
      expect((await readAnnouncements(session))?.windows).toHaveLength(1);
      expect(await session.getNotificationIds()).toEqual([`ba:${id}:announced`]);
      expect(Object.keys((await session.readStorage("notified")) ?? {})).toEqual([
        `${id}:announced`,
      ]);

      const ending = starting + 90 * MINUTE;
      server.broadcast({ ...body, ending: iso(ending) });
      const state = await waitFor(
        "the new ending",
        () => readAnnouncements(session),
        (value) => value?.windows[0]?.ending === ending,
      );
      expect(state?.windows).toHaveLength(1);
      // A changed ending raises one "window changed" notice beside the first one.
      const ids = await waitForNotification(session, `ba:${id}:changed`);
      expect(ids.sort()).toEqual([`ba:${id}:announced`, `ba:${id}:changed`]);
    });
  });
});
