// Titles and bodies of desktop notifications. Chrome shows about two lines of
// body text, so the schedule comes first and the server's message after it.
import { windowEnd } from "./announcements";
import { formatDuration } from "./duration";
import type { MaintenanceWindow, Phase, Upgrade } from "./types";

export interface NoticeText {
  title: string;
  message: string;
}

/** Writes the notification text of one phase of an announcement. */
export function describeNotice(
  item: MaintenanceWindow | Upgrade,
  phase: Phase,
  serverNow: number,
  formatTime: (serverTime: number) => string,
): NoticeText {
  const text =
    item.kind === "maintenance"
      ? describeWindow(item, phase, serverNow, formatTime)
      : describeUpgrade(item, phase, formatTime);
  const message = [text.message, item.message].filter(Boolean).join("\n");
  return { title: text.title, message };
}

function describeWindow(
  window: MaintenanceWindow,
  phase: Phase,
  serverNow: number,
  formatTime: (serverTime: number) => string,
): NoticeText {
  const start = formatTime(window.starting);
  const until =
    window.ending === null ? "End time not announced." : `Until ${formatTime(window.ending)}.`;
  const startsIn = formatDuration(window.starting - serverNow);

  switch (phase) {
    case "announced":
      return {
        title: "Maintenance scheduled",
        message: `Starts ${start} (in ${startsIn}). ${until}`,
      };
    case "changed":
      return {
        title: "Maintenance window changed",
        message: serverNow < window.starting ? `Starts ${start}. ${until}` : until,
      };
    case "reminder":
      return { title: `Maintenance starts in ${startsIn}`, message: `Starts ${start}. ${until}` };
    case "started":
      return {
        title: "Maintenance has started",
        message: `${until} The service may drop and come back until then.`,
      };
    default:
      return {
        title: "Maintenance is over",
        message: `The service is back. The window ended ${formatTime(windowEnd(window))}.`,
      };
  }
}

function describeUpgrade(
  upgrade: Upgrade,
  phase: Phase,
  formatTime: (serverTime: number) => string,
): NoticeText {
  if (phase === "upgrade-complete") {
    const reload = upgrade.reload ? " Reload the service's pages: cached resources changed." : "";
    return { title: "Upgrade complete", message: `The service is back.${reload}` };
  }
  const reload = upgrade.reload ? " Cached resources will need a reload afterwards." : "";
  return {
    title: "Service upgrade announced",
    message: `A short disconnection; expected back ${formatTime(upgrade.eta)}.${reload}`,
  };
}
