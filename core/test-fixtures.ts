// Announcement inputs for the core's tests, timed in minutes from a fixed NOW.
import type { AnnouncementInput } from "./frame";
import { formatTimestamp } from "./timestamp";

export const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
export const MINUTE = 60_000;

/** Builds a maintenance window from `startIn` to `endIn` minutes after NOW; null is an unknown end. */
export function windowInput(
  startIn: number,
  endIn: number | null,
  message = "m",
): AnnouncementInput {
  const starting = NOW + startIn * MINUTE;
  const ending = endIn === null ? null : NOW + endIn * MINUTE;
  return { kind: "maintenance", id: formatTimestamp(starting), starting, ending, message };
}

/** Builds an upgrade due `etaIn` minutes after NOW. */
export function upgradeInput(etaIn: number, reload = false): AnnouncementInput {
  const eta = NOW + etaIn * MINUTE;
  return { kind: "upgrade", id: formatTimestamp(eta), eta, reload, message: "u" };
}
