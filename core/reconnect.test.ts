import { describe, expect, it } from "vitest";
import { applyAnnouncement, EMPTY_STATE } from "./announcements";
import {
  isInMaintenance,
  MAX_RETRY_IN_WINDOW_MS,
  MAX_RETRY_MS,
  planRetry,
  UPGRADE_JITTER_MS,
} from "./reconnect";
import { MINUTE, NOW, upgradeInput, windowInput } from "./test-fixtures";

function windowState(startIn: number, endIn: number) {
  return applyAnnouncement(EMPTY_STATE, windowInput(startIn, endIn), NOW).state;
}

describe("planRetry", () => {
  it("doubles the delay with each attempt", () => {
    const delays = [0, 1, 2, 3].map(
      (attempt) =>
        planRetry({ attempt, state: EMPTY_STATE, serverNow: NOW, random: 0.999999 }).delay,
    );
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
  });

  it("jitters between half and the full delay", () => {
    const low = planRetry({ attempt: 3, state: EMPTY_STATE, serverNow: NOW, random: 0 });
    expect(low).toEqual({ delay: 4000, reason: "backoff" });
  });

  it("starts later after a rejected session", () => {
    const retry = planRetry({
      attempt: 0,
      state: EMPTY_STATE,
      serverNow: NOW,
      random: 0.999999,
      rejected: true,
    });
    expect(retry.delay).toBe(32_000);
  });

  it("caps the delay", () => {
    const retry = planRetry({ attempt: 40, state: EMPTY_STATE, serverNow: NOW, random: 0.999999 });
    expect(retry.delay).toBe(MAX_RETRY_MS);
  });

  it("retries sooner inside a maintenance window", () => {
    const retry = planRetry({
      attempt: 40,
      state: windowState(-5, 30),
      serverNow: NOW,
      random: 0.999999,
    });
    expect(retry).toEqual({ delay: MAX_RETRY_IN_WINDOW_MS, reason: "maintenance" });
  });

  it("retries at the end of a maintenance window", () => {
    // Backoff alone would wait 22.5 s; the window ends in 10 s.
    const state = windowState(-30, 10 / 60);
    const retry = planRetry({ attempt: 10, state, serverNow: NOW, random: 0.5 });
    expect(retry).toEqual({ delay: 12_000, reason: "maintenance" });
  });

  it("waits for the upgrade eta", () => {
    const state = applyAnnouncement(EMPTY_STATE, upgradeInput(2), NOW).state;
    const early = planRetry({ attempt: 0, state, serverNow: NOW, random: 0 });
    const late = planRetry({ attempt: 0, state, serverNow: NOW, random: 0.999999 });
    expect(early).toEqual({ delay: 2 * MINUTE + 500, reason: "upgrade" });
    expect(late.delay).toBeLessThanOrEqual(2 * MINUTE + 500 + UPGRADE_JITTER_MS);
  });
});

describe("planRetry far from an upgrade", () => {
  it("backs off as usual when the eta is far away", () => {
    const state = applyAnnouncement(EMPTY_STATE, upgradeInput(60), NOW).state;
    expect(planRetry({ attempt: 0, state, serverNow: NOW, random: 0 })).toEqual({
      delay: 500,
      reason: "backoff",
    });
  });
});

describe("isInMaintenance", () => {
  it("is true only between starting and ending", () => {
    const state = windowState(10, 20);
    expect(isInMaintenance(state, NOW)).toBe(false);
    expect(isInMaintenance(state, NOW + 10 * MINUTE)).toBe(true);
    expect(isInMaintenance(state, NOW + 20 * MINUTE)).toBe(false);
  });
});
