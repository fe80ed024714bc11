// Titles and bodies of desktop notifications. Chrome shows about two lines of
// body text, so the schedule comes first and the server's message after it.
import { windowEnd } from "./announcements";
import { formatRoundedDuration } from "./duration";
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
  const end =
    window.ending === null ? "End time not announced." : `Ends at ${formatTime(window.ending)}.`;
  // Whole minutes: the worker may wake up to 30 s late, so seconds would be false precision.
  const startsIn = formatRoundedDuration(window.starting - serverNow);

  switch (phase) {
    case "announced":
      return {
        title: "Maintenance scheduled",
        message: `Starts at ${start}, in ${startsIn}. ${end}`,
      };
    case "changed":
      return {
        title: "Maintenance window changed",
        message: serverNow < window.starting ? `Starts at ${start}. ${end}` : end,
      };
    case "reminder":
      return { title: `Maintenance starts in ${startsIn}`, message: `Starts at ${start}. ${end}` };
    case "started":
      return {
        title: "Maintenance has started",
        message: `${end} Expect disconnections until then.`,
      };
    default:
      return {
        title: "Maintenance is over",
        message: `The service is back. The window ended at ${formatTime(windowEnd(window))}.`,
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
  const reload = upgrade.reload ? " Reload the service's pages afterwards." : "";
  return {
    title: "Service upgrade announced",
    message: `Expect a short disconnection. Back by ${formatTime(upgrade.eta)}.${reload}`,
  };
}
