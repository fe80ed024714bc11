import type { Announcement } from "../core/types";
import type { Now } from "./format";
import { LocalTime, Message } from "./Schedule";

interface Props {
  history: Announcement[];
  now: Now;
}

/** Renders recently finished announcements, collapsed until the user opens them. */
export function RecentList({ history, now }: Props) {
  if (history.length === 0) return null;
  return (
    <details class="recent">
      <summary>Recently finished ({history.length})</summary>
      <ul class="items">
        {history.map((item) => (
          <li key={`${item.kind}:${item.id}`}>
            <p class="when">{describeItem(item, now)}</p>
            <Message text={item.message} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function describeItem(item: Announcement, now: Now) {
  if (item.kind === "upgrade") {
    const done = item.completedAt ?? item.eta;
    return (
      <>
        Upgrade, completed <LocalTime now={now} serverTime={done} />
      </>
    );
  }

  const start = <LocalTime now={now} serverTime={item.starting} />;
  if (item.ending === null) return <>Maintenance from {start}</>;
  return (
    <>
      Maintenance, {start} to{" "}
      <LocalTime now={now} serverTime={item.ending} referenceTime={item.starting} />
    </>
  );
}
