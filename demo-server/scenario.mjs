// The `demo` scenario: a maintenance window with repeated outages, then an
// upgrade, then the same again, for as long as the server runs.
import { setTimeout as sleep } from "node:timers/promises";
import { toIso } from "./frames.mjs";

/** Timings of one demo cycle, in ms. */
export const DEMO_TIMINGS = {
  /** From the start of a cycle to the maintenance announcement. */
  announceAfter: 20_000,
  /** From the announcement to the start of the window. */
  windowLead: 2 * 60_000,
  windowLength: 3 * 60_000,
  /** Inside the window: how long each outage rejects connections. */
  outage: 20_000,
  /** Inside the window: how long the service is back between outages. */
  recovery: 25_000,
  /** From the upgrade announcement to its eta. */
  upgradeLead: 40_000,
  /** Before the eta: when the server drops clients and rejects new ones. */
  upgradeDowntime: 5_000,
};

/**
 * Runs the demo scenario against `server` until `signal` aborts.
 * @param {import("./broadcast-server.d.mts").BroadcastServer} server
 * @param {{ signal: AbortSignal, log?: (message: string) => void, timings?: typeof DEMO_TIMINGS }} options
 * @returns {Promise<void>}
 */
export async function runDemoScenario(server, { signal, log = () => {}, timings = DEMO_TIMINGS }) {
  const wait = (ms) => sleep(Math.max(0, ms), undefined, { signal });
  try {
    for (let cycle = 1; ; cycle++) {
      log(`demo cycle ${cycle}: announcing maintenance in ${timings.announceAfter / 1000} s`);
      await wait(timings.announceAfter);
      const window = announceMaintenance(server, timings);
      await wait(window.starting - server.now());
      await runOutages(server, window.ending, timings, wait);
      const eta = announceUpgrade(server, timings);
      await wait(eta - timings.upgradeDowntime - server.now());
      await runOutage(server, eta, wait);
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  } finally {
    server.setAccepting(true);
  }
}

function announceMaintenance(server, timings) {
  const starting = server.now() + timings.windowLead;
  const ending = starting + timings.windowLength;
  server.broadcast({
    kind: "maintenance",
    starting: toIso(starting),
    ending: toIso(ending),
    message:
      "Scheduled database maintenance. The service may drop and return several times before the window ends.",
  });
  return { starting, ending };
}

function announceUpgrade(server, timings) {
  const eta = server.now() + timings.upgradeLead;
  server.broadcast({
    kind: "upgrade",
    eta: toIso(eta),
    reload: true,
    message: "A new release is being installed. Reload cached resources after reconnecting.",
  });
  return eta;
}

/** Alternates outages and recoveries until the window's `ending` (server time). */
async function runOutages(server, ending, timings, wait) {
  while (server.now() < ending) {
    await runOutage(server, Math.min(ending, server.now() + timings.outage), wait);
    await wait(Math.min(timings.recovery, ending - server.now()));
  }
}

/** Drops every client and rejects new ones until `until` (server time). */
async function runOutage(server, until, wait) {
  server.dropAll();
  server.setAccepting(false);
  try {
    await wait(until - server.now());
  } finally {
    server.setAccepting(true);
  }
}
