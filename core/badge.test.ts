import { describe, expect, it } from "vitest";
import { applyAnnouncement, EMPTY_STATE } from "./announcements";
import { computeBadge, shortDuration } from "./badge";
import { MINUTE, NOW, upgradeInput, windowInput } from "./test-fixtures";
import type { AnnouncementState, ConnectionStatus } from "./types";

const clock = (time: number) => new Date(time).toISOString().slice(11, 16);
const OPEN: ConnectionStatus = {
  state: "open",
  since: 0,
  retryAt: null,
  attempt: 0,
  lastError: null,
  greetedAt: NOW,
};

function withWindow(startIn: number, endIn: number) {
  return applyAnnouncement(EMPTY_STATE, windowInput(startIn, endIn), NOW).state;
}

function withUpgrade(state: AnnouncementState, etaIn: number): AnnouncementState {
  return applyAnnouncement(state, upgradeInput(etaIn), NOW).state;
}

describe("computeBadge", () => {
  it("asks for an endpoint when none is set", () => {
    expect(computeBadge(EMPTY_STATE, { ...OPEN, state: "idle" }, NOW, clock).text).toBe("SET");
  });

  it("shows maintenance above a lost connection", () => {
    const badge = computeBadge(withWindow(-1, 30), { ...OPEN, state: "waiting" }, NOW, clock);
    expect(badge.kind).toBe("maintenance");
    expect(badge.text).toBe("MNT");
  });

  it("shows a lost connection outside a window", () => {
    expect(computeBadge(EMPTY_STATE, { ...OPEN, state: "waiting" }, NOW, clock).kind).toBe(
      "disconnected",
    );
  });

  it("counts down to the next window", () => {
    expect(computeBadge(withWindow(45, 60), OPEN, NOW, clock)).toMatchObject({
      kind: "upcoming",
      text: "45m",
    });
  });

  it("shows a pending upgrade", () => {
    const state = applyAnnouncement(EMPTY_STATE, upgradeInput(1), NOW).state;
    expect(computeBadge(state, OPEN, NOW, clock).text).toBe("UPG");
  });

  it("says until when maintenance lasts", () => {
    const badge = computeBadge(withWindow(-1, 30), OPEN, NOW, clock);
    expect(badge.title).toBe("Broadcast Alerts: maintenance in progress, until 12:30");
  });

  it("marks a rejected session apart from a drop", () => {
    const badge = computeBadge(EMPTY_STATE, { ...OPEN, state: "error" }, NOW, clock);
    expect(badge.text).toBe("ERR");
    expect(badge.title).toMatch(/rejected the session/);
  });

  it("ranks a distant upgrade below a lost connection", () => {
    const state = withUpgrade(EMPTY_STATE, 120);
    expect(computeBadge(state, { ...OPEN, state: "waiting" }, NOW, clock).text).toBe("OFF");
  });

  it("ranks an imminent upgrade above a lost connection", () => {
    const state = withUpgrade(EMPTY_STATE, 5);
    expect(computeBadge(state, { ...OPEN, state: "waiting" }, NOW, clock).text).toBe("UPG");
  });

  it("shows the sooner of a window and an upgrade", () => {
    const windowFirst = withUpgrade(withWindow(45, 60), 120);
    expect(computeBadge(windowFirst, OPEN, NOW, clock).text).toBe("45m");
    const upgradeFirst = withUpgrade(withWindow(45, 60), 30);
    const badge = computeBadge(upgradeFirst, OPEN, NOW, clock);
    expect(badge.text).toBe("UPG");
    expect(badge.title).toBe("Broadcast Alerts: service upgrade, back by 12:30");
  });

  it("says so while the first attempt connects", () => {
    const badge = computeBadge(EMPTY_STATE, { ...OPEN, state: "connecting" }, NOW, clock);
    expect(badge.text).toBe("");
    expect(badge.title).toBe("Broadcast Alerts: connecting to the service");
  });

  it("stays offline while a retry connects", () => {
    const status: ConnectionStatus = { ...OPEN, state: "connecting", attempt: 2 };
    expect(computeBadge(EMPTY_STATE, status, NOW, clock).text).toBe("OFF");
  });

  it("is empty when connected and nothing is announced", () => {
    expect(computeBadge(EMPTY_STATE, OPEN, NOW, clock).text).toBe("");
  });
});

describe("shortDuration", () => {
  it.each([
    [10_000, "1m"],
    [45 * MINUTE, "45m"],
    [90 * MINUTE, "2h"],
    [47 * 60 * MINUTE, "47h"],
    [72 * 60 * MINUTE, "3d"],
  ])("formats %i ms", (ms, text) => {
    expect(shortDuration(ms)).toBe(text);
  });
});
