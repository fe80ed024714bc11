// The toolbar badge, desktop notifications, and the alarms that wake the
// worker to update them: what the user sees outside the popup.
import { browser } from "wxt/browser";
import type { Badge } from "../../core/badge";
import type { Logger } from "../../core/log";
import type { Notice } from "../../core/plan";

export const ALARM_RECONNECT = "reconnect";
export const ALARM_PLAN = "plan";
export const ALARM_WATCHDOG = "watchdog";

/** Watchdog period: 30 s is the shortest alarm Chrome allows a packed extension. */
const WATCHDOG_MINUTES = 0.5;

// Firefox MV2 has `browserAction` where MV3 has `action`.
function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

/** Shows the badge text, color and tooltip. */
export async function showBadge(badge: Badge): Promise<void> {
  const button = toolbarButton();
  await Promise.all([
    button.setBadgeText({ text: badge.text }),
    button.setBadgeBackgroundColor({ color: badge.color }),
    button.setTitle({ title: badge.title }),
  ]);
}

/** Creates one desktop notification; its id makes a repeat replace, not add. */
export async function showNotice(notice: Notice, log: Logger): Promise<void> {
  try {
    await browser.notifications.create(notice.id, {
      type: "basic",
      // A path relative to the extension root works in Chrome and Firefox.
      iconUrl: "/icon/128.png",
      title: notice.title,
      message: notice.message,
      priority: notice.phase === "started" || notice.phase === "reminder" ? 2 : 0,
    });
  } catch (error) {
    log.error(
      "notify",
      `could not show notification ${notice.id}; the popup and badge still show it`,
      error,
    );
  }
}

/** Removes one notification, if it is showing. */
export async function clearNotice(id: string): Promise<void> {
  await browser.notifications.clear(id);
}

/** Removes every notification this extension is showing. */
export async function clearNotices(): Promise<void> {
  const notifications = await browser.notifications.getAll();
  await Promise.all(
    Object.keys(notifications)
      .filter((id) => id.startsWith("ba:"))
      .map((id) => browser.notifications.clear(id)),
  );
}

/** Opens the popup for a clicked notification, or the options page where that fails. */
export async function openFromNotification(notificationId: string, log: Logger): Promise<void> {
  await browser.notifications.clear(notificationId);
  try {
    await toolbarButton().openPopup();
  } catch (error) {
    log.warn(
      "open-popup",
      `cannot open the popup here (${String(error)}); opening the options page`,
    );
    await browser.runtime.openOptionsPage();
  }
}

/** Sets a one-shot alarm at a local time; Chrome may delay it to 30 s from now. */
export async function scheduleAlarm(name: string, localTime: number): Promise<void> {
  await browser.alarms.create(name, { when: Math.max(localTime, Date.now() + 1000) });
}

export async function cancelAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

/** Arms the periodic alarm that revives the worker if the browser stopped it. */
export async function armWatchdog(): Promise<void> {
  const existing = await browser.alarms.get(ALARM_WATCHDOG);
  if (!existing) await browser.alarms.create(ALARM_WATCHDOG, { periodInMinutes: WATCHDOG_MINUTES });
}
