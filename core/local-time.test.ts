import { describe, expect, it } from "vitest";
import { formatLocalTime } from "./local-time";

// Dates built from local fields, so the checks hold in any time zone.
const NOW = new Date(2030, 0, 7, 9, 30).getTime();

describe("formatLocalTime", () => {
  it("shows only the time today", () => {
    expect(formatLocalTime(new Date(2030, 0, 7, 14, 5).getTime(), NOW, "en-GB")).toBe("14:05");
  });

  it("adds weekday, day and month on another day", () => {
    const text = formatLocalTime(new Date(2030, 0, 9, 8, 0).getTime(), NOW, "en-GB");
    expect(text).toContain("Wed 9 Jan");
    expect(text).toContain("8:00");
    expect(text).not.toContain("2030");
  });

  it("adds the year in another year", () => {
    expect(formatLocalTime(new Date(2031, 2, 4, 23, 59).getTime(), NOW, "en-GB")).toContain("2031");
  });
});
