import { browser } from "wxt/browser";
import { isInMaintenance } from "../core/reconnect";
import type { AnnouncementState, ClockState } from "../core/types";
import {
  announcementsItem,
  clockItem,
  diagnosticsItem,
  settingsItem,
  statusItem,
} from "../lib/storage";
import { ConnectionLine } from "./ConnectionLine";
import { DiagnosticsPanel } from "./DiagnosticsPanel";
import { describeHeadline, Headline, NOTHING_ANNOUNCED } from "./Headline";
import { describeClockOffset, type ExpectedDowntime, makeNow, type Now } from "./format";
import { useLocalNow, useStoredValue } from "./hooks";
import { RecentList } from "./RecentList";
import { ActiveWindows, UpcomingWindows, Upgrades } from "./Schedule";

/** An upgrade may drop the socket this long before its eta. */
const UPGRADE_DOWNTIME_MS = 5 * 60_000;

/** Renders the toolbar popup: connection, clock, announcements and diagnostics. */
export function Popup() {
  const settings = useStoredValue(settingsItem);
  const announcements = useStoredValue(announcementsItem);
  const status = useStoredValue(statusItem);
  const clock = useStoredValue(clockItem);
  const diagnostics = useStoredValue(diagnosticsItem);
  const localNow = useLocalNow();

  if (!settings || !announcements || !status || !clock || !diagnostics) {
    return <p class="muted">Loading…</p>;
  }

  const now = makeNow(localNow, clock.offset);
  const configured = settings.endpoint.trim() !== "";
  const headline = describeHeadline(announcements, status.state, now);
  // While disconnected with nothing pending, the connection is the news.
  const connectionFirst = headline.urgency === "none" && status.state !== "open";
  return (
    <main>
      <h1>Broadcast Alerts</h1>
      {configured && !connectionFirst && <Headline headline={headline} />}
      <ConnectionLine
        status={status}
        configured={configured}
        localNow={now.local}
        downtime={expectedDowntime(announcements, now.server)}
      />
      {configured && connectionFirst && <QuietEmptyState detail={headline.detail} />}
      {!configured && <EndpointPrompt />}
      <Schedule announcements={announcements} now={now} />
      <ClockNotice clock={clock} />
      <RecentList history={announcements.history} now={now} />
      <DiagnosticsPanel diagnostics={diagnostics} />
    </main>
  );
}

function expectedDowntime(announcements: AnnouncementState, serverNow: number): ExpectedDowntime {
  if (isInMaintenance(announcements, serverNow)) return "maintenance";
  const upgrading = announcements.upgrades.some(
    (upgrade) =>
      upgrade.completedAt === undefined && upgrade.eta - UPGRADE_DOWNTIME_MS <= serverNow,
  );
  return upgrading ? "upgrade" : null;
}

function EndpointPrompt() {
  return (
    <section class="prompt">
      <h2>Set the service endpoint</h2>
      <p>Alerts start once the extension knows which service to listen to.</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Open settings
      </button>
    </section>
  );
}

function QuietEmptyState({ detail }: { detail: string | null }) {
  return (
    <div class="quiet-empty">
      <p>{NOTHING_ANNOUNCED}</p>
      {detail && <p class="muted">{detail}</p>}
    </div>
  );
}

function ClockNotice({ clock }: { clock: ClockState }) {
  const text = describeClockOffset(clock.offset);
  return text ? <p class="notice">{text}</p> : null;
}

// With nothing pending this renders nothing, because the headline already states it.
function Schedule({ announcements, now }: { announcements: AnnouncementState; now: Now }) {
  const { windows, upgrades } = announcements;
  const active = windows.filter((window) => window.starting <= now.server);
  const upcoming = windows.filter((window) => window.starting > now.server);
  const pending = upgrades.filter((upgrade) => upgrade.completedAt === undefined);

  return (
    <>
      <ActiveWindows windows={active} now={now} />
      <UpcomingWindows windows={upcoming} now={now} />
      <Upgrades upgrades={pending} now={now} />
    </>
  );
}
