import { describe, expect, it } from "vitest";
import {
  addClockSample,
  broadcastSample,
  CLOCK_JUMP_MS,
  EMPTY_CLOCK,
  greetingSample,
  MAX_CLOCK_SAMPLES,
  serverNow,
  toLocalTime,
} from "./clock";
import type { ClockState } from "./types";

const LOCAL = Date.UTC(2030, 0, 1, 12, 0, 0);
const FIVE_MINUTES = 5 * 60_000;

function addAll(state: ClockState, offsets: number[]): ClockState {
  return offsets.reduce(
    (current, offset, i) =>
      addClockSample(current, broadcastSample(LOCAL + i + offset, LOCAL + i)).state,
    state,
  );
}

describe("greetingSample", () => {
  it("uses the middle of the round trip", () => {
    const sample = greetingSample(LOCAL + FIVE_MINUTES + 100, LOCAL, LOCAL + 200);
    expect(sample.offset).toBe(FIVE_MINUTES);
    expect(sample.uncertainty).toBe(1100);
  });
});

describe("addClockSample", () => {
  it("takes the first sample as the estimate", () => {
    const update = addClockSample(EMPTY_CLOCK, greetingSample(LOCAL - FIVE_MINUTES, LOCAL, LOCAL));
    expect(update.accepted).toBe(true);
    expect(update.state.offset).toBe(-FIVE_MINUTES);
  });

  it("takes the median of several samples", () => {
    expect(addAll(EMPTY_CLOCK, [1000, 1200, 50_000]).offset).toBe(1200);
  });

  it("keeps at most the newest samples", () => {
    const state = addAll(
      EMPTY_CLOCK,
      Array.from({ length: 20 }, (_, i) => i * 10),
    );
    expect(state.samples).toHaveLength(MAX_CLOCK_SAMPLES);
    expect(state.offset).toBe(150);
  });

  it("drops a broadcast far from the estimate", () => {
    const state = addAll(EMPTY_CLOCK, [FIVE_MINUTES]);
    const stale = broadcastSample(Date.UTC(2017, 2, 3, 23), LOCAL);
    const update = addClockSample(state, stale);
    expect(update.accepted).toBe(false);
    expect(update.state).toBe(state);
    if (!update.accepted) expect(update.reason).toMatch(/replayed announcement/);
  });

  it("restarts a broadcast estimate on two readings ahead of it", () => {
    const HOURS = 3 * 60 * 60_000;
    // The first broadcast after a greeting without serverTime was a replay.
    const state = addAll(EMPTY_CLOCK, [-HOURS]);
    const first = addClockSample(state, broadcastSample(LOCAL + 1000, LOCAL));
    expect(first.accepted).toBe(false);
    expect(first.state.offset).toBe(-HOURS);

    const second = addClockSample(first.state, broadcastSample(LOCAL + 3000, LOCAL + 2000));
    expect(second.accepted).toBe(true);
    expect(second.state.offset).toBe(1000);
    expect(second.state.samples).toHaveLength(1);
    expect(second.state.pending).toBeUndefined();
  });

  it("ignores one stray reading ahead of a broadcast estimate", () => {
    const state = addAll(EMPTY_CLOCK, [0, 0, 0]);
    const stray = addClockSample(state, broadcastSample(LOCAL + 3 * CLOCK_JUMP_MS, LOCAL));
    const next = addClockSample(stray.state, broadcastSample(LOCAL + 10, LOCAL + 10));
    expect(next.accepted).toBe(true);
    expect(next.state.offset).toBe(0);
  });

  it("keeps a greeting estimate against a broadcast ahead of it", () => {
    const state = addClockSample(EMPTY_CLOCK, greetingSample(LOCAL, LOCAL, LOCAL)).state;
    const update = addClockSample(state, broadcastSample(LOCAL + 2 * CLOCK_JUMP_MS, LOCAL));
    expect(update.accepted).toBe(false);
    expect(update.state.offset).toBe(0);
  });

  it("keeps the greeting's reading among many broadcasts", () => {
    let state = addClockSample(EMPTY_CLOCK, greetingSample(LOCAL, LOCAL, LOCAL)).state;
    state = addAll(
      state,
      Array.from({ length: 3 * MAX_CLOCK_SAMPLES }, () => 0),
    );
    expect(state.samples).toHaveLength(MAX_CLOCK_SAMPLES);
    expect(state.samples[0]!.source).toBe("greeting");

    const ahead = addClockSample(state, broadcastSample(LOCAL + 3 * 60 * 60_000, LOCAL));
    expect(ahead.accepted).toBe(false);
    expect(ahead.state.offset).toBe(0);
  });

  it("restarts the estimate on a greeting far from it", () => {
    const state = addAll(EMPTY_CLOCK, [0, 10, 20]);
    const jumped = greetingSample(LOCAL + CLOCK_JUMP_MS * 10, LOCAL, LOCAL);
    const update = addClockSample(state, jumped);
    expect(update.state.samples).toHaveLength(1);
    expect(update.state.offset).toBe(CLOCK_JUMP_MS * 10);
  });
});

describe("serverNow and toLocalTime", () => {
  it("convert between the clocks", () => {
    const clock: ClockState = { samples: [], offset: FIVE_MINUTES };
    expect(serverNow(clock, LOCAL)).toBe(LOCAL + FIVE_MINUTES);
    expect(toLocalTime(clock, LOCAL + FIVE_MINUTES)).toBe(LOCAL);
  });
});
