// Brings what the user sees in line with the state: finished announcements
// move to the history, due notifications are raised once, the badge is
// redrawn and the next check is scheduled.
import { completeUpgrade, pruneAnnouncements } from "../../core/announcements";
import { computeBadge } from "../../core/badge";
import { serverNow, toLocalTime } from "../../core/clock";
import { formatLocalTime } from "../../core/local-time";
import type { Logger } from "../../core/log";
import { planNotifications } from "../../core/plan";
import { clearNotice, showBadge, showNotice } from "./browser-ui";
import { type Memory, save } from "./memory";

/** Without a new greeting, an upgrade counts as done this long after its eta if the socket is up. */
export const UPGRADE_SETTLE_MS = 2 * 60_000;

/**
 * Updates state, notifications and badge for the current time. Returns the
 * local time of the next phase change, or null when none is scheduled.
 */
export async function refresh(memory: Memory, log: Logger): Promise<number | null> {
  const localNow = Date.now();
  const now = serverNow(memory.clock, localNow);
  const connected = memory.status.state === "open";
  const before = { announcements: memory.announcements, notified: memory.notified };

  settleAnnouncements(memory, now, connected);
  const plan = planNotifications({
    state: memory.announcements,
    notified: memory.notified,
    settings: memory.settings,
    connected,
    serverNow: now,
    formatTime: (time) => formatLocalTime(toLocalTime(memory.clock, time), localNow),
  });

  // Record before showing, so a worker stopped in between never repeats one.
  if (plan.handled.length > 0) {
    const notified = { ...memory.notified };
    for (const key of plan.handled) notified[key] = now;
    memory.notified = notified;
  }
  // A window replaced by a rescheduled one must not leave its notices on screen.
  for (const key of pruneNotified(memory)) await clearNotice(`ba:${key}`);
  if (memory.announcements !== before.announcements) await save(memory, "announcements");
  if (memory.notified !== before.notified) await save(memory, "notified");
  for (const notice of plan.notices) {
    log.info(`notifying ${notice.key}: ${notice.title}`);
    await showNotice(notice, log);
  }

  const formatTime = (time: number) => formatLocalTime(toLocalTime(memory.clock, time), localNow);
  await showBadge(computeBadge(memory.announcements, memory.status, now, formatTime));
  return plan.nextCheckAt === null ? null : toLocalTime(memory.clock, plan.nextCheckAt);
}

function settleAnnouncements(memory: Memory, now: number, connected: boolean): void {
  let state = pruneAnnouncements(memory.announcements, now);
  for (const upgrade of state.upgrades) {
    if (connected && now >= upgrade.eta + UPGRADE_SETTLE_MS)
      state = completeUpgrade(state, upgrade.id, now);
  }
  memory.announcements = state;
}

/**
 * Drops the keys of announcements that left the state (a replay of those is
 * ignored anyway) and returns the dropped keys.
 */
function pruneNotified(memory: Memory): string[] {
  const { windows, upgrades, history } = memory.announcements;
  const ids = new Set([...windows, ...upgrades, ...history].map((item) => item.id));
  const dropped = Object.keys(memory.notified).filter(
    (key) => !ids.has(key.slice(0, key.lastIndexOf(":"))),
  );
  if (dropped.length === 0) return dropped;
  memory.notified = Object.fromEntries(
    Object.entries(memory.notified).filter(([key]) => !dropped.includes(key)),
  );
  return dropped;
}
