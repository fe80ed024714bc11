// The toolbar badge: one glance tells the most urgent state. Badge text fits
// about four characters, so times are shortened to "45m", "3h" or "2d".
import { windowEnd } from "./announcements";
import { isInMaintenance } from "./reconnect";
import type { AnnouncementState, ConnectionStatus } from "./types";

export type BadgeKind =
  "maintenance" | "upgrading" | "disconnected" | "upcoming" | "unset" | "idle";

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
  upgrading: "#b25c00",
  disconnected: "#5f6368",
  upcoming: "#1a56db",
  unset: "#5f6368",
  idle: "#1a7f37",
};

/** Chooses the badge for the current state, most urgent first. */
export function computeBadge(
  state: AnnouncementState,
  status: ConnectionStatus,
  serverNow: number,
): Badge {
  const make = (kind: BadgeKind, text: string, title: string): Badge => ({
    kind,
    text,
    color: COLORS[kind],
    title: `Broadcast Alerts: ${title}`,
  });

  if (status.state === "idle")
    return make("unset", "SET", "set the service endpoint in the options");
  if (isInMaintenance(state, serverNow))
    return make("maintenance", "MNT", "maintenance in progress");
  if (state.upgrades.some((item) => item.completedAt === undefined)) {
    return make("upgrading", "UPG", "service upgrade announced");
  }
  if (status.state === "waiting" || status.state === "error") {
    return make("disconnected", "OFF", "not connected to the service");
  }

  const next = state.windows.find((item) => item.starting > serverNow);
  if (next) {
    return make("upcoming", shortDuration(next.starting - serverNow), "maintenance scheduled");
  }
  const active = state.windows.find((item) => windowEnd(item) > serverNow);
  return active
    ? make("maintenance", "MNT", "maintenance in progress")
    : make("idle", "", "connected, nothing announced");
}

/** Formats a duration in at most four characters, rounding up. */
export function shortDuration(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.min(999, Math.ceil(hours / 24))}d`;
}
