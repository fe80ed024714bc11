// Words and times shown in the popup. Pure functions, so the popup's text can
// be tested without rendering.
import { formatDuration, formatRoundedDuration } from "../core/duration";
import { formatLocalTime } from "../core/local-time";
import type { ConnectionStatus, RejectReason } from "../core/types";

/** The local and server clocks at one tick of the popup. */
export interface Now {
  /** Local `Date.now()`. */
  local: number;
  /** Server clock minus local clock, in ms. */
  offset: number;
  /** `local + offset`: the clock that every countdown uses. */
  server: number;
}

/** Offsets up to this many ms are not worth a warning. */
export const OFFSET_NOTICE_MS = 5000;

/** Durations from this many ms up are shown in whole minutes, so they do not tick. */
const WHOLE_MINUTES_FROM_MS = 10 * 60_000;

/** Rejected-frame reasons in words, as the diagnostics list shows them. */
export const REASON_LABELS: Record<RejectReason, string> = {
  "invalid-json": "invalid JSON",
  "frame-too-large": "frame over 64 KiB",
  "unknown-kind": "unknown kind",
  "invalid-field": "invalid field",
  "not-an-object": "not an object",
};

/**
 * Formats a duration as the popup shows it: to the second under ten minutes,
 * rounded to whole minutes from there, and without zero parts ("5 min", "1 h").
 */
export function formatPopupDuration(ms: number): string {
  if (ms >= WHOLE_MINUTES_FROM_MS) return formatRoundedDuration(ms);
  return formatDuration(ms).replace(/ 0 s$/, "");
}

/** Builds the clocks of one tick from local time and the stored offset. */
export function makeNow(local: number, offset: number): Now {
  return { local, offset, server: local + offset };
}

/**
 * Formats a server time as the user's local wall-clock time, with the date
 * when it falls on another day than `referenceTime` (a server time, default now).
 */
export function formatServerTime(now: Now, serverTime: number, referenceTime = now.server): string {
  return formatLocalTime(serverTime - now.offset, referenceTime - now.offset);
}

/** Describes a clock offset beyond `OFFSET_NOTICE_MS`, or returns null for a smaller one. */
export function describeClockOffset(offset: number): string | null {
  if (Math.abs(offset) <= OFFSET_NOTICE_MS) return null;

  // A positive offset means the server's clock reads later than ours.
  const direction = offset > 0 ? "behind" : "ahead of";
  const amount = formatPopupDuration(Math.abs(offset));
  return `Your clock is ${amount} ${direction} the server. Countdowns use the server's clock.`;
}

export type ConnectionTone = "ok" | "busy" | "waiting" | "error" | "off";

export interface ConnectionText {
  tone: ConnectionTone;
  text: string;
  /**
   * Time left until the next attempt, such as "12 s". It is kept out of
   * `text` so that a screen reader does not announce every tick.
   */
  countdown: string | null;
  /** The last error in words, when it helps the user. */
  detail: string | null;
}

/** Reason the service may be down on purpose right now; null when it is not. */
export type ExpectedDowntime = "maintenance" | "upgrade" | null;

/**
 * Describes the worker's connection state at local time `localNow`. A drop
 * during announced downtime is expected, so it reads calm, not as an error.
 */
export function describeConnection(
  status: ConnectionStatus,
  configured: boolean,
  localNow: number,
  downtime: ExpectedDowntime = null,
): ConnectionText {
  const lastError = status.lastError ? `Last error: ${status.lastError}` : null;
  const line = { countdown: null, detail: null };

  switch (status.state) {
    case "open":
      return { ...line, tone: "ok", text: "Connected" };
    case "connecting":
      if (downtime !== null) {
        return { ...line, tone: "busy", text: `${describeDowntime(downtime)} Connecting…` };
      }
      return { ...line, tone: "busy", text: "Connecting…", detail: lastError };
    case "waiting":
      if (downtime !== null) {
        const retry = describeRetry(status.retryAt, localNow);
        const text = `${describeDowntime(downtime)} ${retry.text}`;
        return { ...retry, text, tone: "busy", detail: null };
      }
      return {
        ...describeRetry(status.retryAt, localNow),
        tone: "waiting",
        detail: lastError,
      };
    case "error":
      // The server's reason can be long, so it goes under the short state.
      return {
        ...line,
        tone: "error",
        text: "The server rejected the session",
        detail: status.lastError ? `Reason: ${status.lastError}` : "The server gave no reason.",
      };
    case "idle":
      return {
        ...line,
        tone: "off",
        text: configured ? "Not connected" : "Not configured",
      };
  }
}

function describeDowntime(downtime: "maintenance" | "upgrade"): string {
  return downtime === "maintenance"
    ? "Down for maintenance, as announced."
    : "Upgrading, as announced.";
}

function describeRetry(retryAt: number | null, localNow: number) {
  // Under a second left, a countdown would read "0 s".
  if (retryAt === null || retryAt - localNow < 1000) {
    return { text: "Reconnecting…", countdown: null };
  }
  return {
    text: "Reconnecting",
    countdown: formatPopupDuration(retryAt - localNow),
  };
}
