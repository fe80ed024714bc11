// The popup's first line: the most urgent announcement in one sentence, so a
// glance shows whether anything is happening and when, before any list.
import type { AnnouncementState, ConnectionState } from "../core/types";
import { formatPopupDuration, formatServerTime, type Now } from "./format";

/** Closeness of the most urgent announcement, which sets the headline's color. */
export type Urgency = "now" | "soon" | "later" | "none";

export interface HeadlineText {
  urgency: Urgency;
  text: string;
  /** A caveat shown under the text, such as a stale list; null when none. */
  detail: string | null;
}

/** Announcements starting within this many ms count as soon. */
const SOON_MS = 60 * 60_000;

/** Headline text when no window or upgrade is pending. */
export const NOTHING_ANNOUNCED = "No maintenance or upgrades announced.";

/**
 * Describes the most urgent announcement: a window in progress first, then
 * whichever of the next window and the next upgrade comes sooner.
 */
export function describeHeadline(
  announcements: AnnouncementState,
  connection: ConnectionState,
  now: Now,
): HeadlineText {
  const active = announcements.windows.find((window) => window.starting <= now.server);
  if (active) {
    const until =
      active.ending === null
        ? ", end time not announced"
        : ` until ${formatServerTime(now, active.ending)}`;
    return { urgency: "now", text: `Maintenance in progress${until}`, detail: null };
  }

  const next = findNext(announcements, now.server);
  if (next) {
    const left = next.at - now.server;
    if (left <= 0) return { urgency: "now", text: next.dueText, detail: null };

    const urgency = left <= SOON_MS ? "soon" : "later";
    const when = `in ${formatMinutes(left)}, at ${formatServerTime(now, next.at)}`;
    return { urgency, text: `${next.subject} ${when}`, detail: null };
  }

  const detail = connection === "open" ? null : "Not connected, so announcements may be missing.";
  return { urgency: "none", text: NOTHING_ANNOUNCED, detail };
}

function findNext(announcements: AnnouncementState, serverNow: number) {
  const window = announcements.windows.find((item) => item.starting > serverNow);
  const upgrade = announcements.upgrades.find((item) => item.completedAt === undefined);
  const candidates = [
    window && {
      at: window.starting,
      subject: "Maintenance starts",
      dueText: "Maintenance starting now",
    },
    upgrade && { at: upgrade.eta, subject: "Upgrade completes", dueText: "Upgrade completing now" },
  ].filter((candidate) => candidate !== undefined);
  return candidates.sort((a, b) => a.at - b.at)[0];
}

// The headline does not tick every second: the list below has the exact countdown.
function formatMinutes(ms: number): string {
  return formatPopupDuration(Math.max(1, Math.round(ms / 60_000)) * 60_000);
}

/** Renders the headline with a colored bar whose meaning the text also states. */
export function Headline({ headline }: { headline: HeadlineText }) {
  return (
    <div class={`headline headline-${headline.urgency}`}>
      <p class="headline-text">{headline.text}</p>
      {headline.detail && <p class="muted">{headline.detail}</p>}
    </div>
  );
}
