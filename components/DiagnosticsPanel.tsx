import { useState } from "preact/hooks";
import type { Diagnostics, RejectReason } from "../core/types";
import { REASON_LABELS } from "./format";
import { sendRequest } from "./requests";

/** Renders the counts of rejected frames, or nothing while there are none. */
export function DiagnosticsPanel({ diagnostics }: { diagnostics: Diagnostics }) {
  const [requestError, setRequestError] = useState<string | null>(null);
  const counts = countRejected(diagnostics);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;

  const latest = diagnostics.recent[0];

  async function clear() {
    setRequestError(await sendRequest({ type: "clear-diagnostics" }));
  }

  return (
    <section class="diagnostics">
      <h2>Diagnostics</h2>
      <p>
        Rejected {total === 1 ? "1 frame" : `${total} frames`} from the server. Announcements in
        rejected frames are not shown.
      </p>
      <ul>
        {counts.map(([reason, count]) => (
          <li key={reason}>
            {REASON_LABELS[reason]}: {count}
          </li>
        ))}
      </ul>
      {latest && <p class="message">Latest: {latest.detail}</p>}
      <button type="button" onClick={clear}>
        Clear diagnostics
      </button>
      {requestError && <p class="error">{requestError}</p>}
    </section>
  );
}

function countRejected(diagnostics: Diagnostics): [RejectReason, number][] {
  const entries = Object.entries(diagnostics.rejected) as [RejectReason, number | undefined][];
  const counted = entries.filter((entry): entry is [RejectReason, number] => {
    return (entry[1] ?? 0) > 0;
  });
  return counted.sort((a, b) => b[1] - a[1]);
}
