// The toolbar badge shows the most urgent state at a glance. Badge text fits
// about four characters, so times are shortened to "45m", "3h" or "2d".
import { windowEnd } from "./announcements";
import type { AnnouncementState, ConnectionStatus } from "./types";

export type BadgeKind =
  "maintenance" | "rejected" | "upgrading" | "disconnected" | "upcoming" | "unset" | "idle";

export interface Badge {
  kind: BadgeKind;
  text: string;
  /** Background color as #rrggbb. */
  color: string;
  /** Tooltip of the toolbar button. */
  title: string;
}

const COLORS: Record<BadgeKind, string> = {
  maintenance: "#b3261e",
  rejected: "#b3261e",
  upgrading: "#b25c00",
  disconnected: "#5f6368",
  upcoming: "#1a56db",
  unset: "#5f6368",
  idle: "#1a7f37",
};

/** An upgrade this close to its eta, or past it, outranks a lost connection. */
const UPGRADE_IMMINENT_MS = 10 * 60_000;

/**
 * Chooses the badge for the current state, most urgent first: maintenance in
 * progress, a rejected session, an imminent upgrade, a lost connection, then
 * whichever of the next window and the next upgrade comes sooner.
 */
export function computeBadge(
  state: AnnouncementState,
  status: ConnectionStatus,
  serverNow: number,
  formatTime: (serverTime: number) => string,
): Badge {
  const make = (kind: BadgeKind, text: string, title: string): Badge => ({
    kind,
    text,
    color: COLORS[kind],
    title: `Broadcast Alerts: ${title}`,
  });

  if (status.state === "idle")
    return make("unset", "SET", "set the service endpoint in the settings");
  const active = state.windows.find(
    (item) => item.starting <= serverNow && serverNow < windowEnd(item),
  );
  if (active) {
    const until =
      active.ending === null ? "end time not announced" : `until ${formatTime(active.ending)}`;
    return make("maintenance", "MNT", `maintenance in progress, ${until}`);
  }
  if (status.state === "error") return make("rejected", "ERR", "the server rejected the session");

  const upgrade = state.upgrades.find((item) => item.completedAt === undefined);
  const upgradeTitle = upgrade && `service upgrade, back by ${formatTime(upgrade.eta)}`;
  if (upgrade && upgrade.eta - serverNow <= UPGRADE_IMMINENT_MS)
    return make("upgrading", "UPG", upgradeTitle!);
  // A retry that is still connecting is as offline as the wait before it.
  if (status.state === "waiting" || (status.state === "connecting" && status.attempt > 0))
    return make("disconnected", "OFF", "not connected to the service");

  const next = state.windows.find((item) => item.starting > serverNow);
  if (upgrade && (!next || upgrade.eta < next.starting))
    return make("upgrading", "UPG", upgradeTitle!);
  if (next) {
    const title = `maintenance starts at ${formatTime(next.starting)}`;
    return make("upcoming", shortDuration(next.starting - serverNow), title);
  }
  if (status.state === "connecting") return make("idle", "", "connecting to the service");
  return make("idle", "", "connected, nothing announced");
}

/** Formats a duration in at most four characters, rounding up. */
export function shortDuration(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.min(999, Math.ceil(hours / 24))}d`;
}
