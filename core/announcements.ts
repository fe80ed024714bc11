// The announcement state: active maintenance windows, pending upgrades and a
// short history. Every function returns a new state and never mutates.
import type { AnnouncementInput } from "./frame";
import type { Announcement, AnnouncementState, MaintenanceWindow, Upgrade } from "./types";

/** A window whose `ending` is not after `starting` is assumed over this long after it starts. */
export const UNKNOWN_END_FALLBACK_MS = 6 * 60 * 60_000;

/** An upgrade still pending this long after its eta is given up on. */
export const UPGRADE_EXPIRY_MS = 60 * 60_000;

/** Most windows kept; a server announcing more keeps the earliest ones. */
export const MAX_WINDOWS = 50;

/** Finished announcements kept for the popup. */
export const HISTORY_LIMIT = 10;
export const HISTORY_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

export const EMPTY_STATE: AnnouncementState = { windows: [], upgrades: [], history: [] };

export type Change = "added" | "updated" | "unchanged" | "expired";

/** Returns when a window ends, using the fallback when the end is unknown. */
export function windowEnd(window: MaintenanceWindow): number {
  return window.ending ?? window.starting + UNKNOWN_END_FALLBACK_MS;
}

/** Returns when an announcement stops mattering, on the server clock. */
export function announcementEnd(item: Announcement): number {
  return item.kind === "maintenance" ? windowEnd(item) : item.eta;
}

/** Adds or updates an announcement; `serverNow` decides if it is already over. */
export function applyAnnouncement(
  state: AnnouncementState,
  input: AnnouncementInput,
  serverNow: number,
): { state: AnnouncementState; change: Change } {
  return input.kind === "maintenance"
    ? applyWindow(state, { ...input, announcedAt: serverNow }, serverNow)
    : applyUpgrade(state, { ...input, announcedAt: serverNow }, serverNow);
}

function applyWindow(state: AnnouncementState, window: MaintenanceWindow, serverNow: number) {
  const existing = state.windows.find((item) => item.id === window.id);
  if (existing) {
    if (existing.ending === window.ending && existing.message === window.message) {
      return { state, change: "unchanged" as const };
    }
    const updated = { ...window, announcedAt: existing.announcedAt, changedAt: serverNow };
    const windows = state.windows.map((item) => (item.id === window.id ? updated : item));
    return { state: { ...state, windows }, change: "updated" as const };
  }

  // A replayed announcement of a window that is over adds nothing.
  if (windowEnd(window) <= serverNow) return { state, change: "expired" as const };

  // A window that overlaps a known one replaces it: the server rescheduled it.
  const windows = state.windows.filter((item) => !overlaps(item, window));
  const history = state.history.filter((item) => item.id !== window.id);
  const next = sortBy([...windows, window], (item) => item.starting).slice(0, MAX_WINDOWS);
  if (!next.includes(window)) return { state, change: "unchanged" as const };
  return { state: { ...state, windows: next, history }, change: "added" as const };
}

function applyUpgrade(state: AnnouncementState, upgrade: Upgrade, serverNow: number) {
  const existing = state.upgrades.find((item) => item.id === upgrade.id);
  if (existing) {
    if (existing.reload === upgrade.reload && existing.message === upgrade.message) {
      return { state, change: "unchanged" as const };
    }
    const updated = { ...upgrade, announcedAt: existing.announcedAt };
    const upgrades = state.upgrades.map((item) => (item.id === upgrade.id ? updated : item));
    return { state: { ...state, upgrades }, change: "updated" as const };
  }

  const finished = state.history.some((item) => item.id === upgrade.id);
  if (finished || upgrade.eta + UPGRADE_EXPIRY_MS <= serverNow) {
    return { state, change: "expired" as const };
  }

  // One upgrade at a time: a new one replaces any still pending.
  return { state: { ...state, upgrades: [upgrade] }, change: "added" as const };
}

/** Moves an upgrade to the history once the service is back after it. */
export function completeUpgrade(
  state: AnnouncementState,
  id: string,
  serverNow: number,
): AnnouncementState {
  const upgrade = state.upgrades.find((item) => item.id === id);
  if (!upgrade) return state;
  const upgrades = state.upgrades.filter((item) => item.id !== id);
  const completed = { ...upgrade, completedAt: serverNow };
  return { ...state, upgrades, history: addToHistory(state.history, completed, serverNow) };
}

/** Moves finished windows and expired upgrades to the history and trims it. */
export function pruneAnnouncements(state: AnnouncementState, serverNow: number): AnnouncementState {
  const endedWindows = state.windows.filter((item) => windowEnd(item) <= serverNow);
  const expiredUpgrades = state.upgrades.filter(
    (item) => item.eta + UPGRADE_EXPIRY_MS <= serverNow,
  );
  const trimmed = trimHistory(state.history, serverNow);
  if (
    endedWindows.length === 0 &&
    expiredUpgrades.length === 0 &&
    trimmed.length === state.history.length
  ) {
    return state;
  }

  let history = trimmed;
  for (const item of [...endedWindows, ...expiredUpgrades])
    history = addToHistory(history, item, serverNow);
  return {
    windows: state.windows.filter((item) => !endedWindows.includes(item)),
    upgrades: state.upgrades.filter((item) => !expiredUpgrades.includes(item)),
    history,
  };
}

function addToHistory(
  history: Announcement[],
  item: Announcement,
  serverNow: number,
): Announcement[] {
  const rest = history.filter((entry) => entry.id !== item.id || entry.kind !== item.kind);
  return trimHistory([item, ...rest], serverNow);
}

function trimHistory(history: Announcement[], serverNow: number): Announcement[] {
  return history
    .filter((item) => announcementEnd(item) > serverNow - HISTORY_MAX_AGE_MS)
    .slice(0, HISTORY_LIMIT);
}

function overlaps(a: MaintenanceWindow, b: MaintenanceWindow): boolean {
  return a.starting < windowEnd(b) && b.starting < windowEnd(a);
}

function sortBy<T>(items: T[], key: (item: T) => number): T[] {
  return [...items].sort((a, b) => key(a) - key(b));
}
