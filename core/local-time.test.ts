import { describe, expect, it } from "vitest";
import { formatLocalTime } from "./local-time";

// Dates built from local fields, so the checks hold in any time zone.
const NOW = new Date(2030, 0, 7, 9, 30).getTime();

describe("formatLocalTime", () => {
  it("shows only the time today", () => {
    expect(formatLocalTime(new Date(2030, 0, 7, 14, 5).getTime(), NOW, "en-GB")).toBe("14:05");
  });

  it("adds the weekday within a week", () => {
    expect(formatLocalTime(new Date(2030, 0, 9, 8, 0).getTime(), NOW, "en-GB")).toBe("Wed 08:00");
  });

  it("adds the date further away", () => {
    expect(formatLocalTime(new Date(2030, 2, 4, 23, 59).getTime(), NOW, "en-GB")).toBe(
      "4 Mar 2030 23:59",
    );
  });
});
