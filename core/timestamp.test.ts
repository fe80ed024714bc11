import { describe, expect, it } from "vitest";
import { formatTimestamp, parseTimestamp } from "./timestamp";

describe("parseTimestamp", () => {
  it.each([
    ["2017-03-04T23:59:00Z", Date.UTC(2017, 2, 4, 23, 59)],
    ["2017-03-04T23:59:00", Date.UTC(2017, 2, 4, 23, 59)],
    ["2017-03-04 23:59:00z", Date.UTC(2017, 2, 4, 23, 59)],
    ["2017-03-04T23:59Z", Date.UTC(2017, 2, 4, 23, 59)],
    ["2017-03-04T23:59:00.1Z", Date.UTC(2017, 2, 4, 23, 59, 0, 100)],
    ["2017-03-04T23:59:00.123999Z", Date.UTC(2017, 2, 4, 23, 59, 0, 123)],
    ["2017-03-05T01:29:00+01:30", Date.UTC(2017, 2, 4, 23, 59)],
    ["2017-03-04T18:59:00-0500", Date.UTC(2017, 2, 4, 23, 59)],
    ["2017-03-05T01:59:00+02", Date.UTC(2017, 2, 4, 23, 59)],
    ["2016-12-31T23:59:60Z", Date.UTC(2017, 0, 1)],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["0001-01-01T00:00:00Z", -62135596800000],
    ["0099-12-31T00:00:00Z", -59011545600000],
  ])("reads %s", (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    "",
    "tomorrow",
    "2017-03-04",
    "2017-13-01T00:00:00Z",
    "2017-02-29T00:00:00Z",
    "2017-03-04T24:00:00Z",
    "2017-03-04T23:60:00Z",
    "2017-03-04T23:59:61Z",
    "2017-03-04T23:59:00+25:00",
    "2017-03-04T23:59:00Zjunk",
  ])("rejects %j", (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe("formatTimestamp", () => {
  it("round-trips through parseTimestamp", () => {
    const ms = Date.UTC(2030, 5, 1, 12, 0, 0, 5);
    expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
  });
});
