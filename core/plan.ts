// The notification plan: which notifications are due now, which phases to
// record as handled without a notification, and when to look again. Each
// announcement raises at most one notification per call, for its current
// phase, so a worker that slept through a reminder does not raise it late.
import { windowEnd } from "./announcements";
import { describeNotice } from "./notice-text";
import type { AnnouncementState, MaintenanceWindow, Phase, Settings, Upgrade } from "./types";

/** "Maintenance over" is not raised when the service came back later than this after the end. */
export const ENDED_NOTICE_MAX_DELAY_MS = 6 * 60 * 60_000;

/** "Upgrade complete" is not raised later than this after the service came back. */
export const COMPLETE_NOTICE_MAX_DELAY_MS = 10 * 60_000;

/** More "announced" notices than this at once are merged into one. */
export const MAX_ANNOUNCED_NOTICES = 3;

/** Changes to one window raise at most one notice this often; it shows the latest change. */
export const CHANGED_NOTICE_INTERVAL_MS = 5 * 60_000;

export interface PlanInput {
  state: AnnouncementState;
  /** Keys `<id>:<phase>` already handled, with the server time they were handled. */
  notified: Record<string, number>;
  settings: Settings;
  /** True while the socket is open and the server has greeted it. */
  connected: boolean;
  serverNow: number;
  /** Formats a server time as a local date and time for the user. */
  formatTime: (serverTime: number) => string;
}

export interface Notice {
  /** Notification id, fixed per announcement and phase. */
  id: string;
  key: string;
  phase: Phase;
  title: string;
  message: string;
}

export interface Plan {
  notices: Notice[];
  /** Keys to record as handled, for the notices and for skipped phases. */
  handled: string[];
  /** Server time of the next phase change, or null when none is scheduled. */
  nextCheckAt: number | null;
}

/** Builds the notification id and storage key of one phase. */
export function phaseKey(id: string, phase: Phase): string {
  return `${id}:${phase}`;
}

/** Plans the notifications due at `input.serverNow`. */
export function planNotifications(input: PlanInput): Plan {
  const plan: Plan = { notices: [], handled: [], nextCheckAt: null };
  const windows = [...input.state.windows, ...input.state.history.filter(isWindow)];
  const upgrades = [...input.state.upgrades, ...input.state.history.filter(isUpgrade)];

  for (const window of windows) {
    const { current, skipped, stale } = windowPhase(window, input);
    const notifiedBefore = wasNotified(input, window.id);
    settle(plan, input, window, current, skipped, stale);
    if (notifiedBefore) settleChange(plan, input, window);
    scheduleWindow(plan, window, input);
  }
  for (const upgrade of upgrades) {
    const current = upgrade.completedAt === undefined ? "upgrade-announced" : "upgrade-complete";
    const stale =
      upgrade.completedAt !== undefined &&
      input.serverNow - upgrade.completedAt > COMPLETE_NOTICE_MAX_DELAY_MS;
    const skipped: Phase[] = current === "upgrade-complete" ? ["upgrade-announced"] : [];
    settle(plan, input, upgrade, current, skipped, stale);
    if (upgrade.eta > input.serverNow) considerCheck(plan, upgrade.eta);
  }
  mergeAnnounced(plan);
  return plan;
}

// A server that announces many windows at once gets one notice for them all;
// each is still recorded as handled, and the popup lists them.
function mergeAnnounced(plan: Plan): void {
  const announced = plan.notices.filter((notice) => notice.phase === "announced");
  if (announced.length <= MAX_ANNOUNCED_NOTICES) return;
  const first = announced[0]!.message.split("\n")[0];
  plan.notices = plan.notices.filter((notice) => notice.phase !== "announced");
  plan.notices.unshift({
    id: "ba:announced",
    key: "announced",
    phase: "announced",
    title: `${announced.length} maintenance windows scheduled`,
    message: `The first: ${first} The popup lists them all.`,
  });
}

interface PhaseChoice {
  /** Null while the window is over but the service is not back yet. */
  current: Phase | null;
  /** Phases recorded as handled without a notification. */
  skipped: Phase[];
  stale: boolean;
}

function windowPhase(window: MaintenanceWindow, input: PlanInput): PhaseChoice {
  const { serverNow } = input;
  const end = windowEnd(window);
  const reminderAt = window.starting - input.settings.reminderMinutes * 60_000;

  if (serverNow >= end) {
    const skipped: Phase[] = ["announced", "reminder", "started"];
    const stale = serverNow - end > ENDED_NOTICE_MAX_DELAY_MS;
    return { current: input.connected || stale ? "ended" : null, skipped, stale };
  }
  if (serverNow >= window.starting) {
    return { current: "started", skipped: ["announced", "reminder"], stale: false };
  }
  if (input.settings.reminderMinutes > 0 && serverNow >= reminderAt) {
    // A window first seen inside the lead time gets its announcement, which
    // already states how soon it starts, instead of a reminder.
    const announced = input.notified[phaseKey(window.id, "announced")] !== undefined;
    return announced || !input.settings.notify.announced
      ? { current: "reminder", skipped: ["announced"], stale: false }
      : { current: "announced", skipped: ["reminder"], stale: false };
  }
  return { current: "announced", skipped: [], stale: false };
}

function settle(
  plan: Plan,
  input: PlanInput,
  item: MaintenanceWindow | Upgrade,
  current: Phase | null,
  skipped: Phase[],
  stale: boolean,
): void {
  for (const phase of skipped) markHandled(plan, input, phaseKey(item.id, phase));
  if (current === null) return;

  const key = phaseKey(item.id, current);
  if (input.notified[key] !== undefined) return;
  if (!stale && input.settings.notify[current]) {
    const text = describeNotice(item, current, input.serverNow, input.formatTime);
    plan.notices.push({ id: `ba:${key}`, key, phase: current, ...text });
  }
  plan.handled.push(key);
}

/** Tells whether any notice of this announcement was raised before this plan. */
function wasNotified(input: PlanInput, id: string): boolean {
  return Object.keys(input.notified).some((key) => key.startsWith(`${id}:`));
}

// A change after the last "changed" notice raises another, but a server that
// keeps changing a window gets one notice per interval, with the latest state.
function settleChange(plan: Plan, input: PlanInput, window: MaintenanceWindow): void {
  if (window.changedAt === undefined || input.serverNow >= windowEnd(window)) return;
  const key = phaseKey(window.id, "changed");
  const last = input.notified[key];
  if (last !== undefined && last >= window.changedAt) return;
  if (last !== undefined && input.serverNow < last + CHANGED_NOTICE_INTERVAL_MS) {
    considerCheck(plan, last + CHANGED_NOTICE_INTERVAL_MS);
    return;
  }

  if (input.settings.notify.changed !== false) {
    const text = describeNotice(window, "changed", input.serverNow, input.formatTime);
    plan.notices.push({ id: `ba:${key}`, key, phase: "changed", ...text });
  }
  plan.handled.push(key);
}

function markHandled(plan: Plan, input: PlanInput, key: string): void {
  if (input.notified[key] === undefined) plan.handled.push(key);
}

function scheduleWindow(plan: Plan, window: MaintenanceWindow, input: PlanInput): void {
  const reminderAt = window.starting - input.settings.reminderMinutes * 60_000;
  for (const time of [reminderAt, window.starting, windowEnd(window)]) {
    if (time > input.serverNow) considerCheck(plan, time);
  }
}

function considerCheck(plan: Plan, time: number): void {
  if (plan.nextCheckAt === null || time < plan.nextCheckAt) plan.nextCheckAt = time;
}

function isWindow(item: { kind: string }): item is MaintenanceWindow {
  return item.kind === "maintenance";
}

function isUpgrade(item: { kind: string }): item is Upgrade {
  return item.kind === "upgrade";
}
