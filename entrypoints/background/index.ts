// Wiring of browser events to the worker. Every listener is registered
// synchronously when the script starts, or Chrome would not deliver the
// event that woke a stopped worker.
import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { createLogger } from "../../core/log";
import { isRequest, type Reply } from "../../lib/messages";
import { settingsItem } from "../../lib/storage";
import {
  ALARM_PLAN,
  ALARM_RECONNECT,
  ALARM_WATCHDOG,
  armWatchdog,
  openFromNotification,
} from "./browser-ui";
import { createWorker } from "./worker";

export default defineBackground({
  // Firefox keeps an MV2 background page alive, so the socket needs no tricks there.
  persistent: true,
  main() {
    const log = createLogger("[broadcast-alerts]");
    const worker = createWorker(log);

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ALARM_RECONNECT) void worker.handleRetryDue();
      else if (alarm.name === ALARM_PLAN) void worker.refresh();
      else if (alarm.name === ALARM_WATCHDOG) void worker.ensureConnected().then(worker.refresh);
    });

    settingsItem.watch((next, previous) => void worker.handleSettingsChange(next, previous));

    browser.runtime.onMessage.addListener((message: unknown): Promise<Reply> | undefined => {
      if (!isRequest(message)) return undefined;
      const task = message.type === "reconnect" ? worker.reconnectNow() : worker.clearDiagnostics();
      return task.then(() => ({ ok: true }));
    });

    browser.notifications.onClicked.addListener((id) => void openFromNotification(id, log));

    browser.runtime.onStartup.addListener(() => void worker.ensureConnected());
    browser.runtime.onInstalled.addListener(() => void worker.ensureConnected());

    // Any event that starts the worker also brings the socket back.
    void armWatchdog();
    void worker.ensureConnected();
    log.info("worker started");
  },
});
