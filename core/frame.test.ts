import { describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES, MAX_MESSAGE_LENGTH, parseFrame } from "./frame";

// The two examples exactly as the service publishes them, trailing commas and
// the zone-less, equal-to-starting `ending` included.
const PUBLISHED_MAINTENANCE = `broadcast {
"kind": "maintenance",
"serverTime": "2017-03-03T23:00:00Z",
"starting": "2017-03-04T23:59:00Z",
"ending": "2017-03-04T23:59:00",
"message": "The service is going down for maintenance at 03/04/2017 11:59pm. It will be under maintenance until 04/04/2017 4:00am.",
}`;

const PUBLISHED_UPGRADE = `broadcast {
"kind": "upgrade",
"serverTime": "2017-03-04T12:50:00Z",
"eta": "2017-03-04T13:00:00Z",
"reload": true,
"message": "A service upgrade will be available at 03/04/2017 12:00pm. Upon reconnection, please reload all resources.",
}`;

function announcementOf(text: string) {
  const event = parseFrame(text);
  if (event.type !== "announcement") {
    throw new Error(`expected an announcement, got ${JSON.stringify(event)}`);
  }
  return event;
}

function rejectionOf(text: string) {
  const event = parseFrame(text);
  if (event.type !== "rejected") {
    throw new Error(`expected a rejection, got ${JSON.stringify(event)}`);
  }
  return event;
}

describe("parseFrame published examples", () => {
  it("parses the maintenance example", () => {
    const event = announcementOf(PUBLISHED_MAINTENANCE);
    expect(event.serverTime).toBe(Date.UTC(2017, 2, 3, 23, 0, 0));
    expect(event.announcement).toMatchObject({
      kind: "maintenance",
      id: "2017-03-04T23:59:00.000Z",
      starting: Date.UTC(2017, 2, 4, 23, 59, 0),
      ending: null,
    });
    expect(event.announcement.message).toMatch(/^The service is going down/);
  });

  it("parses the upgrade example", () => {
    const event = announcementOf(PUBLISHED_UPGRADE);
    expect(event.serverTime).toBe(Date.UTC(2017, 2, 4, 12, 50, 0));
    expect(event.announcement).toMatchObject({
      kind: "upgrade",
      eta: Date.UTC(2017, 2, 4, 13, 0, 0),
      reload: true,
    });
  });

  it("parses the examples written on one line", () => {
    const oneLine = PUBLISHED_MAINTENANCE.replace(/\n/g, " ");
    expect(announcementOf(oneLine).announcement.kind).toBe("maintenance");
  });
});

describe("parseFrame tolerated input", () => {
  const window = (fields: string) =>
    `broadcast {"kind":"maintenance","serverTime":"2030-01-01T00:00:00Z",${fields}}`;

  it.each([
    [
      "CRLF and spaces",
      `  ${window('"starting":"2030-01-02T00:00:00Z","ending":"2030-01-02T01:00:00Z"')}\r\n`,
    ],
    [
      "fractional seconds",
      window('"starting":"2030-01-02T00:00:00.123456Z","ending":"2030-01-02T01:00:00.5Z"'),
    ],
    [
      "numeric offsets",
      window('"starting":"2030-01-02T02:00:00+02:00","ending":"2030-01-01T20:00:00-05:00"'),
    ],
    [
      "extra fields",
      window(
        '"starting":"2030-01-02T00:00:00Z","ending":"2030-01-02T01:00:00Z","extra":{"a":[1,]}',
      ),
    ],
  ])("accepts %s", (_name, text) => {
    const { announcement } = announcementOf(text);
    if (announcement.kind !== "maintenance") throw new Error("wrong kind");
    expect(announcement.starting).toBe(
      Date.UTC(2030, 0, 2, 0, 0, 0, _name === "fractional seconds" ? 123 : 0),
    );
    expect(announcement.ending).toBe(
      Date.UTC(2030, 0, 2, 1, 0, 0, _name === "fractional seconds" ? 500 : 0),
    );
  });

  it("reads a timestamp without a zone as UTC", () => {
    const { announcement } = announcementOf(
      window('"starting":"2030-01-02T00:00:00","ending":"2030-01-02T03:30:00"'),
    );
    expect(announcement).toMatchObject({
      starting: Date.UTC(2030, 0, 2),
      ending: Date.UTC(2030, 0, 2, 3, 30),
    });
  });

  it("accepts a bare JSON object with a kind", () => {
    const text =
      '{"kind":"upgrade","serverTime":"2030-01-01T00:00:00Z","eta":"2030-01-01T00:01:00Z"}';
    const { announcement } = announcementOf(text);
    expect(announcement).toMatchObject({ kind: "upgrade", reload: false, message: "" });
  });

  it("treats an ending before starting as unknown", () => {
    const { announcement } = announcementOf(
      window('"starting":"2030-01-02T00:00:00Z","ending":"2030-01-01T00:00:00Z"'),
    );
    expect(announcement).toMatchObject({ ending: null });
  });

  it("keeps an announcement with a bad serverTime", () => {
    const event = announcementOf(
      '{"kind":"upgrade","serverTime":"yesterday","eta":"2030-01-01T00:01:00Z"}',
    );
    expect(event.serverTime).toBeNull();
    expect(event.warnings).toEqual([
      { field: "serverTime", detail: 'serverTime "yesterday" is not an ISO 8601 timestamp' },
    ]);
  });

  it("replaces a non-string message and a non-boolean reload", () => {
    const { announcement } = announcementOf(
      '{"kind":"upgrade","eta":"2030-01-01T00:01:00Z","message":42,"reload":"yes"}',
    );
    expect(announcement).toMatchObject({ message: "", reload: false });
  });

  it("drops control characters from the message", () => {
    const { announcement } = announcementOf(
      '{"kind":"upgrade","eta":"2030-01-01T00:01:00Z","message":"a\\u0000b\\u001bc\\r\\nd\\te\\u007f"}',
    );
    expect(announcement.message).toBe("abc\nd\te");
  });

  it("replaces a lone surrogate in the message", () => {
    const { announcement } = announcementOf(
      '{"kind":"upgrade","eta":"2030-01-01T00:01:00Z","message":"a\\ud800b"}',
    );
    expect(announcement.message).toBe("a\ufffdb");
  });

  it("keeps a surrogate pair whole when cutting", () => {
    const long = `${"a".repeat(MAX_MESSAGE_LENGTH - 2)}😀${"b".repeat(20)}`;
    const { announcement } = announcementOf(
      `{"kind":"upgrade","eta":"2030-01-01T00:01:00Z","message":"${long}"}`,
    );
    expect(announcement.message).toBe(`${"a".repeat(MAX_MESSAGE_LENGTH - 2)}…`);
    expect(announcement.message.isWellFormed()).toBe(true);
  });

  it("cuts a very long message", () => {
    const long = "x".repeat(MAX_MESSAGE_LENGTH + 50);
    const { announcement } = announcementOf(
      `{"kind":"upgrade","eta":"2030-01-01T00:01:00Z","message":"${long}"}`,
    );
    expect(announcement.message).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(announcement.message.endsWith("…")).toBe(true);
  });
});

describe("parseFrame other frames", () => {
  it("reads the greeting", () => {
    expect(
      parseFrame(
        'connectionResponse {"errorCode":0,"serverTime":"2030-01-01T00:00:00.250Z","ghostId":"g"}',
      ),
    ).toEqual({
      type: "greeting",
      errorCode: 0,
      message: "",
      serverTime: Date.UTC(2030, 0, 1, 0, 0, 0, 250),
    });
  });

  it("reads a greeting that refuses the session", () => {
    expect(
      parseFrame('connectionResponse {"errorCode":7,"message":"Session expired"}'),
    ).toMatchObject({
      errorCode: 7,
      message: "Session expired",
      serverTime: null,
    });
  });

  it.each([
    ['"5"', 5],
    ["null", 0],
    ['"none"', 0],
  ])("reads errorCode %s as %d", (code, expected) => {
    const event = parseFrame(`connectionResponse {"errorCode":${code}}`);
    expect(event).toMatchObject({ type: "greeting", errorCode: expected });
  });

  it("accepts a broadcast without the space", () => {
    const event = parseFrame('broadcast{"kind":"upgrade","eta":"2030-01-01T00:01:00Z"}');
    expect(event.type).toBe("announcement");
  });

  it.each([
    'noopResponse {"reqId":1}',
    "sessionEnded",
    'somethingMerged {"a":1}',
    "pushEvent not-json",
  ])("ignores %s", (text) => {
    expect(parseFrame(text).type).toBe("other");
  });
});

describe("parseFrame rejections", () => {
  it.each([
    ["broadcast {not json", "invalid-json", /broadcast body is not JSON/],
    ["broadcast", "invalid-json", /broadcast has no JSON body/],
    ["broadcast   \r\n", "invalid-json", /broadcast has no JSON body/],
    ["<html>", "invalid-json", /frame body is not JSON/],
    ["broadcast [1,2]", "not-an-object", /not a JSON object/],
    [
      'broadcast {"kind":"party","serverTime":"2030-01-01T00:00:00Z"}',
      "unknown-kind",
      /kind "party" is not known/,
    ],
    ['broadcast {"serverTime":"2030-01-01T00:00:00Z"}', "invalid-field", /has no kind/],
    [
      'broadcast {"kind":"maintenance","ending":"2030-01-01T00:00:00Z"}',
      "invalid-field",
      /maintenance starting is missing/,
    ],
    [
      'broadcast {"kind":"maintenance","starting":"2030-02-30T00:00:00Z","ending":"2030-03-01T00:00:00Z"}',
      "invalid-field",
      /starting "2030-02-30T00:00:00Z" is not an ISO 8601 timestamp/,
    ],
    [
      'broadcast {"kind":"maintenance","starting":"2030-01-01T00:00:00Z","ending":1893456000}',
      "invalid-field",
      /ending 1893456000 has the wrong type/,
    ],
    [
      'broadcast {"kind":"upgrade","eta":"soon"}',
      "invalid-field",
      /upgrade eta "soon" is not an ISO 8601 timestamp/,
    ],
    ['broadcast {"kind":"upgrade"}', "invalid-field", /upgrade eta is missing/],
  ])("rejects %s", (text, reason, detail) => {
    const event = rejectionOf(text);
    expect(event.reason).toBe(reason);
    expect(event.detail).toMatch(detail);
  });

  it("rejects a frame over 64 KiB", () => {
    const text = `broadcast {"kind":"upgrade","eta":"2030-01-01T00:00:00Z","message":"${"é".repeat(MAX_FRAME_BYTES / 2)}"}`;
    expect(rejectionOf(text).reason).toBe("frame-too-large");
  });

  it("accepts a frame just under 64 KiB", () => {
    const prefix = 'broadcast {"kind":"upgrade","eta":"2030-01-01T00:00:00Z","message":"';
    const text = `${prefix}${"a".repeat(MAX_FRAME_BYTES - prefix.length - 2)}"}`;
    expect(parseFrame(text).type).toBe("announcement");
  });
});

describe("parseFrame damaged input", () => {
  const TYPES = ["greeting", "announcement", "other", "rejected"];

  it("returns an event for every truncation", () => {
    for (const example of [PUBLISHED_MAINTENANCE, PUBLISHED_UPGRADE]) {
      for (let end = 0; end <= example.length; end++) {
        const text = example.slice(0, end);
        expect(TYPES, text).toContain(parseFrame(text).type);
      }
    }
  });

  it("returns an event for every swapped character", () => {
    const swaps = ['"', "{", "}", ",", ":", "\\", "\u0000", "\ud800", "9"];
    for (let at = 0; at < PUBLISHED_MAINTENANCE.length; at++) {
      for (const swap of swaps) {
        const text =
          PUBLISHED_MAINTENANCE.slice(0, at) + swap + PUBLISHED_MAINTENANCE.slice(at + 1);
        expect(TYPES, text).toContain(parseFrame(text).type);
      }
    }
  });
});
