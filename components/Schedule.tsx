// Lists of active windows, upcoming windows and pending upgrades. Every
// countdown compares server times with `now.server`; every time shown is
// converted to the user's local clock.
import type { MaintenanceWindow, Upgrade } from "../core/types";
import { formatPopupDuration, formatServerTime, type Now } from "./format";

/** Renders the server's message as plain text, which wraps when long. */
export function Message({ text }: { text: string }) {
  if (text === "") return null;
  return <p class="message">{text}</p>;
}

interface LocalTimeProps {
  now: Now;
  serverTime: number;
  /** Server time whose day needs no date, such as a window's start. Default: now. */
  referenceTime?: number;
}

/** Renders a server time on the user's local clock. */
export function LocalTime({ now, serverTime, referenceTime }: LocalTimeProps) {
  const local = new Date(serverTime - now.offset).toISOString();
  return <time dateTime={local}>{formatServerTime(now, serverTime, referenceTime)}</time>;
}

interface WindowsProps {
  windows: MaintenanceWindow[];
  now: Now;
}

export function ActiveWindows({ windows, now }: WindowsProps) {
  if (windows.length === 0) return null;
  return (
    <section>
      <h2>In maintenance now</h2>
      <ul class="items">
        {windows.map((window) => (
          <li key={window.id}>
            <p class="when">{describeEnd(window, now)}</p>
            <Message text={window.message} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function describeEnd(window: MaintenanceWindow, now: Now) {
  if (window.ending === null) return "End time not announced";
  if (window.ending <= now.server) return "Ending now";
  return (
    <>
      Ends in <strong>{formatPopupDuration(window.ending - now.server)}</strong>, at{" "}
      <LocalTime now={now} serverTime={window.ending} />
    </>
  );
}

export function UpcomingWindows({ windows, now }: WindowsProps) {
  if (windows.length === 0) return null;
  return (
    <section>
      <h2>Upcoming maintenance</h2>
      <ul class="items">
        {windows.map((window) => (
          <li key={window.id}>
            <p class="when">
              Starts in <strong>{formatPopupDuration(window.starting - now.server)}</strong>
            </p>
            <p class="muted">{describeSpan(window, now)}</p>
            <Message text={window.message} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function describeSpan(window: MaintenanceWindow, now: Now) {
  const start = <LocalTime now={now} serverTime={window.starting} />;
  if (window.ending === null) return <>From {start}, end time not announced</>;
  return (
    <>
      {start} to <LocalTime now={now} serverTime={window.ending} referenceTime={window.starting} />,
      lasts {formatPopupDuration(window.ending - window.starting)}
    </>
  );
}

export function Upgrades({ upgrades, now }: { upgrades: Upgrade[]; now: Now }) {
  if (upgrades.length === 0) return null;
  return (
    <section>
      <h2>Upgrades</h2>
      <ul class="items">
        {upgrades.map((upgrade) => (
          <li key={upgrade.id}>
            <p class="when">
              {describeEta(upgrade, now)}, at <LocalTime now={now} serverTime={upgrade.eta} />
            </p>
            {upgrade.reload && (
              <p class="notice">Reload the service's pages once the upgrade completes</p>
            )}
            <Message text={upgrade.message} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function describeEta(upgrade: Upgrade, now: Now) {
  if (upgrade.eta <= now.server) return "Completing now";
  return (
    <>
      Completes in <strong>{formatPopupDuration(upgrade.eta - now.server)}</strong>
    </>
  );
}
