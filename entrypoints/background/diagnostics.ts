// Counters of rejected frames, for the popup's diagnostics section.
import type { RejectReason } from "../../core/types";
import { EMPTY_DIAGNOSTICS } from "../../lib/storage";
import { type Memory, save } from "./memory";

/** Latest rejections kept with their detail. */
const RECENT_LIMIT = 5;

/** A flood of bad frames is written to storage at most this often. */
const SAVE_INTERVAL_MS = 1000;

let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** Counts one rejected frame and keeps its detail among the latest. */
export async function recordRejection(
  memory: Memory,
  reason: RejectReason,
  detail: string,
): Promise<void> {
  const { rejected, recent } = memory.diagnostics;
  memory.diagnostics = {
    rejected: { ...rejected, [reason]: (rejected[reason] ?? 0) + 1 },
    recent: [{ at: Date.now(), reason, detail }, ...recent].slice(0, RECENT_LIMIT),
  };
  if (saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    void save(memory, "diagnostics");
  }, SAVE_INTERVAL_MS);
}

export async function resetDiagnostics(memory: Memory): Promise<void> {
  memory.diagnostics = EMPTY_DIAGNOSTICS;
  await save(memory, "diagnostics");
}
