import { describe, expect, it } from "vitest";
import {
  applyAnnouncement,
  completeUpgrade,
  EMPTY_STATE,
  HISTORY_LIMIT,
  MAX_WINDOWS,
  pruneAnnouncements,
  UNKNOWN_END_FALLBACK_MS,
  windowEnd,
} from "./announcements";
import { MINUTE, NOW, upgradeInput, windowInput } from "./test-fixtures";

describe("applyAnnouncement maintenance", () => {
  it("adds a new window stamped with the server time", () => {
    const { state, change } = applyAnnouncement(EMPTY_STATE, windowInput(10, 40), NOW);
    expect(change).toBe("added");
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]!.announcedAt).toBe(NOW);
  });

  it("keeps one window when the same announcement repeats", () => {
    const first = applyAnnouncement(EMPTY_STATE, windowInput(10, 40), NOW).state;
    const again = applyAnnouncement(first, windowInput(10, 40), NOW + MINUTE);
    expect(again.change).toBe("unchanged");
    expect(again.state).toBe(first);
  });

  it("updates the window when ending changes", () => {
    const first = applyAnnouncement(EMPTY_STATE, windowInput(10, 40), NOW).state;
    const { state, change } = applyAnnouncement(first, windowInput(10, 70), NOW + MINUTE);
    expect(change).toBe("updated");
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]!.ending).toBe(NOW + 70 * MINUTE);
    expect(state.windows[0]!.announcedAt).toBe(NOW);
    expect(state.windows[0]!.changedAt).toBe(NOW + MINUTE);
  });

  it("replaces an overlapping window with a rescheduled one", () => {
    const first = applyAnnouncement(EMPTY_STATE, windowInput(10, 40), NOW).state;
    const { state } = applyAnnouncement(first, windowInput(20, 50), NOW);
    expect(state.windows.map((item) => item.starting)).toEqual([NOW + 20 * MINUTE]);
  });

  it("keeps separate windows sorted by starting", () => {
    const first = applyAnnouncement(EMPTY_STATE, windowInput(100, 130), NOW).state;
    const { state } = applyAnnouncement(first, windowInput(10, 40), NOW);
    expect(state.windows.map((item) => item.starting)).toEqual([
      NOW + 10 * MINUTE,
      NOW + 100 * MINUTE,
    ]);
  });

  it("ignores a replayed window that is over", () => {
    const { state, change } = applyAnnouncement(EMPTY_STATE, windowInput(-60, -30), NOW);
    expect(change).toBe("expired");
    expect(state.windows).toHaveLength(0);
  });

  it("keeps a window with an unknown end until the fallback", () => {
    const { state } = applyAnnouncement(EMPTY_STATE, windowInput(-60, null), NOW);
    expect(state.windows).toHaveLength(1);
    expect(windowEnd(state.windows[0]!)).toBe(NOW - 60 * MINUTE + UNKNOWN_END_FALLBACK_MS);
  });
});

describe("applyAnnouncement upgrade", () => {
  it("adds an upgrade and dedupes a repeat", () => {
    const first = applyAnnouncement(EMPTY_STATE, upgradeInput(5, true), NOW);
    expect(first.change).toBe("added");
    expect(applyAnnouncement(first.state, upgradeInput(5, true), NOW).change).toBe("unchanged");
  });

  it("updates reload on the same eta", () => {
    const first = applyAnnouncement(EMPTY_STATE, upgradeInput(5), NOW).state;
    const { state, change } = applyAnnouncement(first, upgradeInput(5, true), NOW);
    expect(change).toBe("updated");
    expect(state.upgrades[0]!.reload).toBe(true);
  });

  it("replaces a pending upgrade with a new eta", () => {
    const first = applyAnnouncement(EMPTY_STATE, upgradeInput(5), NOW).state;
    const { state } = applyAnnouncement(first, upgradeInput(15), NOW);
    expect(state.upgrades.map((item) => item.eta)).toEqual([NOW + 15 * MINUTE]);
  });

  it("does not revive a completed upgrade", () => {
    const added = applyAnnouncement(EMPTY_STATE, upgradeInput(5), NOW).state;
    const done = completeUpgrade(added, added.upgrades[0]!.id, NOW + 6 * MINUTE);
    const replay = applyAnnouncement(done, upgradeInput(5), NOW + 7 * MINUTE);
    expect(replay.change).toBe("expired");
    expect(replay.state.upgrades).toHaveLength(0);
  });
});

describe("pruneAnnouncements", () => {
  it("moves ended windows to the history", () => {
    const state = applyAnnouncement(EMPTY_STATE, windowInput(10, 40), NOW).state;
    const pruned = pruneAnnouncements(state, NOW + 40 * MINUTE);
    expect(pruned.windows).toHaveLength(0);
    expect(pruned.history.map((item) => item.id)).toEqual([state.windows[0]!.id]);
  });

  it("returns the same state when nothing ended", () => {
    const state = applyAnnouncement(EMPTY_STATE, windowInput(10, 40), NOW).state;
    expect(pruneAnnouncements(state, NOW + 39 * MINUTE)).toBe(state);
  });

  it("keeps a bounded history", () => {
    let state = EMPTY_STATE;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      state = applyAnnouncement(state, windowInput(i * 10, i * 10 + 5), NOW).state;
    }
    const pruned = pruneAnnouncements(state, NOW + 1000 * MINUTE);
    expect(pruned.history).toHaveLength(HISTORY_LIMIT);
  });
});

describe("applyAnnouncement limits", () => {
  it("keeps the earliest windows when too many are announced", () => {
    let state = EMPTY_STATE;
    for (let i = MAX_WINDOWS + 10; i > 0; i--) {
      state = applyAnnouncement(state, windowInput(i * 10, i * 10 + 5), NOW).state;
    }
    expect(state.windows).toHaveLength(MAX_WINDOWS);
    expect(state.windows[0]!.starting).toBe(NOW + 10 * MINUTE);
  });

  it("reports a window beyond the limit as not added", () => {
    let state = EMPTY_STATE;
    for (let i = 1; i <= MAX_WINDOWS; i++) {
      state = applyAnnouncement(state, windowInput(i * 10, i * 10 + 5), NOW).state;
    }
    const late = applyAnnouncement(state, windowInput(100_000, 100_005), NOW);
    expect(late.change).toBe("unchanged");
    expect(late.state).toBe(state);
  });
});
