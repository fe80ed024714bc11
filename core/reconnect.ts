// When to try the socket again after it closed. Delays are durations, the
// same on both clocks; upgrade and window times are on the server clock.
import { windowEnd } from "./announcements";
import type { AnnouncementState } from "./types";

/** First retry delay; it doubles with each failed attempt. */
export const BASE_RETRY_MS = 1000;

/** Maximum wait between attempts outside a maintenance window. */
export const MAX_RETRY_MS = 5 * 60_000;

/** Doublings added to the backoff after the server rejected the session. */
export const REJECTED_EXTRA_DOUBLINGS = 5;

/** Maximum wait inside a maintenance window, so the service's return is seen soon. */
export const MAX_RETRY_IN_WINDOW_MS = 30_000;

/**
 * An upgrade takes the service down for seconds just before its eta. Only a
 * drop this close to the eta waits for it, because an earlier one is unrelated.
 */
export const UPGRADE_WAIT_MAX_MS = 10 * 60_000;

/** Spread of reconnects at the end of a maintenance window. */
export const WINDOW_END_JITTER_MS = 3000;

/** Spread of reconnects after an upgrade, so clients do not arrive at once. */
export const UPGRADE_JITTER_MS = 5000;

export interface RetryInput {
  /** Failed attempts since the last greeting, 0 for the first retry. */
  attempt: number;
  state: AnnouncementState;
  serverNow: number;
  /** A number in [0, 1), `Math.random()` outside tests. */
  random: number;
  /** True when the server rejected the session in its greeting. */
  rejected?: boolean;
}

export interface Retry {
  delay: number;
  reason: "backoff" | "maintenance" | "upgrade";
}

/** Chooses how long to wait before the next connection attempt. */
export function planRetry(input: RetryInput): Retry {
  const upgrade = input.state.upgrades.find(
    (item) => item.eta > input.serverNow && item.eta - input.serverNow <= UPGRADE_WAIT_MAX_MS,
  );
  if (upgrade) {
    // The service is down until eta, so trying earlier only adds load.
    const delay = upgrade.eta - input.serverNow + 500 + input.random * UPGRADE_JITTER_MS;
    return { delay: Math.round(delay), reason: "upgrade" };
  }

  const active = findActiveWindow(input.state, input.serverNow);
  const inWindow = active !== undefined;
  const cap = inWindow ? MAX_RETRY_IN_WINDOW_MS : MAX_RETRY_MS;
  // A rejected session (say, an expired session id) rarely recovers within
  // seconds, so its backoff starts at about half a minute.
  const attempt = input.attempt + (input.rejected ? REJECTED_EXTRA_DOUBLINGS : 0);
  const exponential = Math.min(cap, BASE_RETRY_MS * 2 ** Math.min(attempt, 20));
  // Jitter between half and the full delay spreads out clients of one server.
  let delay = exponential / 2 + (exponential / 2) * input.random;
  if (active) {
    // The service is due back at the window's end: try then, not a backoff later.
    const atEnd = windowEnd(active) - input.serverNow + 500 + input.random * WINDOW_END_JITTER_MS;
    delay = Math.min(delay, atEnd);
  }
  return { delay: Math.round(delay), reason: inWindow ? "maintenance" : "backoff" };
}

/** Tells whether a maintenance window is in progress at `serverNow`. */
export function isInMaintenance(state: AnnouncementState, serverNow: number): boolean {
  return findActiveWindow(state, serverNow) !== undefined;
}

function findActiveWindow(state: AnnouncementState, serverNow: number) {
  return state.windows.find((item) => item.starting <= serverNow && serverNow < windowEnd(item));
}
