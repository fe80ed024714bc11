// Estimation of the offset between the server's clock and the local one from
// the `serverTime` the server stamps on its greeting and broadcasts.
import type { ClockSample, ClockState } from "./types";

/** The estimate before any reading: no samples, no offset. */
export const EMPTY_CLOCK: ClockState = { samples: [], offset: 0 };

/** Samples kept for the median. */
export const MAX_CLOCK_SAMPLES = 9;

/**
 * Distance from the estimate that makes a reading a jump. A greeting that
 * jumps restarts the estimate, because the local clock was changed.
 */
export const CLOCK_JUMP_MS = 60_000;

/** The service sends whole seconds, so every reading carries this much error. */
const SERVER_TIME_RESOLUTION_MS = 1000;

/**
 * Builds a sample from a greeting received at `receivedAt` on a socket that
 * opened at `openedAt`. The server sends the greeting once the handshake is
 * done, so it stamped it somewhere between those two local times.
 */
export function greetingSample(
  serverTime: number,
  openedAt: number,
  receivedAt: number,
): ClockSample {
  const roundTrip = Math.max(0, receivedAt - openedAt);
  return {
    offset: Math.round(serverTime - (openedAt + roundTrip / 2)),
    uncertainty: Math.round(roundTrip / 2) + SERVER_TIME_RESOLUTION_MS,
    at: receivedAt,
    source: "greeting",
  };
}

/** Builds a sample from a broadcast's `serverTime`; its network delay is unknown. */
export function broadcastSample(serverTime: number, receivedAt: number): ClockSample {
  return {
    offset: serverTime - receivedAt,
    uncertainty: SERVER_TIME_RESOLUTION_MS,
    at: receivedAt,
    source: "broadcast",
  };
}

export type ClockUpdate =
  { state: ClockState; accepted: true } | { state: ClockState; accepted: false; reason: string };

/** Adds a sample to the estimate, or explains why it was dropped. */
export function addClockSample(state: ClockState, sample: ClockSample): ClockUpdate {
  const known = state.samples.length > 0;
  const jump = Math.abs(sample.offset - state.offset) > CLOCK_JUMP_MS;

  if (known && jump && sample.source === "broadcast") {
    const seconds = Math.round((sample.offset - state.offset) / 1000);
    // A replayed broadcast keeps its old serverTime, so one that jumps back is
    // dropped. A greeting's reading is fresh, so it outranks one that jumps ahead.
    if (seconds < 0) {
      return drop(
        state,
        `it is ${-seconds} s behind the server clock, probably a replayed announcement`,
      );
    }
    if (state.samples.some((item) => item.source === "greeting")) {
      return drop(state, `it is ${seconds} s ahead of the greeting's clock`);
    }
    // Without a greeting, a replay may have set the estimate, so two readings
    // that agree with each other restart it.
    const confirmed =
      state.pending !== undefined && Math.abs(sample.offset - state.pending) <= CLOCK_JUMP_MS;
    if (!confirmed) {
      return drop(
        { ...state, pending: sample.offset },
        `it is ${seconds} s ahead of the server clock; a second such reading will move the clock`,
      );
    }
  }

  const previous = known && jump ? [] : keepRoomFor(state.samples);
  const samples = [...previous, sample];
  return { state: { samples, offset: medianOffset(samples) }, accepted: true };
}

function drop(state: ClockState, detail: string): ClockUpdate {
  return { state, accepted: false, reason: `broadcast serverTime ignored: ${detail}` };
}

// Drops the oldest sample when full, but keeps the newest greeting's, which
// is what marks the estimate as anchored to a fresh reading.
function keepRoomFor(samples: ClockSample[]): ClockSample[] {
  if (samples.length < MAX_CLOCK_SAMPLES) return samples;
  const greeting = samples.findLastIndex((item) => item.source === "greeting");
  const oldest = greeting === 0 ? 1 : 0;
  return samples.filter((_, index) => index !== oldest).slice(-(MAX_CLOCK_SAMPLES - 1));
}

function medianOffset(samples: ClockSample[]): number {
  const offsets = samples.map((sample) => sample.offset).sort((a, b) => a - b);
  const middle = Math.floor(offsets.length / 2);
  if (offsets.length % 2 === 1) return offsets[middle]!;
  return Math.round((offsets[middle - 1]! + offsets[middle]!) / 2);
}

/** Returns the current time on the server's clock. */
export function serverNow(clock: ClockState, localNow: number): number {
  return localNow + clock.offset;
}

/** Converts a server time into the local time at which it happens. */
export function toLocalTime(clock: ClockState, serverTime: number): number {
  return serverTime - clock.offset;
}
