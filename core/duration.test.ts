import { describe, expect, it } from "vitest";
import { formatDuration, formatRoundedDuration } from "./duration";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [-5000, "0 s"],
    [42_000, "42 s"],
    [598_000, "9 min 58 s"],
    [3_900_000, "1 h 05 min"],
    [(2 * 24 + 3) * 3_600_000 + 59_000, "2 d 3 h"],
  ])("formats %i ms", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatRoundedDuration", () => {
  it.each([
    [10_000, "1 min"],
    [14 * 60_000 + 59_000, "15 min"],
    [60 * 60_000, "1 h"],
    [65 * 60_000, "1 h 05 min"],
    [48 * 3_600_000, "2 d"],
  ])("formats %i ms", (ms, text) => {
    expect(formatRoundedDuration(ms)).toBe(text);
  });
});
