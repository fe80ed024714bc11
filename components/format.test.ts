import { formatLocalTime } from "../core/local-time";
import { describe, expect, it } from "vitest";
import type { ConnectionStatus } from "../core/types";
import { INITIAL_STATUS } from "../lib/storage";
import {
  describeClockOffset,
  describeConnection,
  formatPopupDuration,
  formatServerTime,
  makeNow,
} from "./format";

const LOCAL_NOW = new Date(2026, 2, 10, 9, 0).getTime();

function status(patch: Partial<ConnectionStatus>): ConnectionStatus {
  return { ...INITIAL_STATUS, ...patch };
}

describe("formatServerTime", () => {
  it("omits the date on the reference day", () => {
    const now = makeNow(LOCAL_NOW, 0);
    const start = new Date(2026, 2, 12, 14, 0).getTime();
    const end = new Date(2026, 2, 12, 15, 30).getTime();
    const expected = formatLocalTime(end, end);
    expect(formatServerTime(now, end, start)).toBe(expected);
    expect(formatServerTime(now, end)).not.toBe(expected);
  });

  it("subtracts the offset", () => {
    const now = makeNow(LOCAL_NOW, 60 * 60_000);
    const serverTime = new Date(2026, 2, 10, 15, 0).getTime();
    const expected = formatLocalTime(new Date(2026, 2, 10, 14, 0).getTime(), LOCAL_NOW);
    expect(formatServerTime(now, serverTime)).toBe(expected);
  });
});

describe("formatPopupDuration", () => {
  it("keeps seconds under ten minutes", () => {
    expect(formatPopupDuration(9 * 60_000 + 59_000)).toBe("9 min 59 s");
    expect(formatPopupDuration(42_000)).toBe("42 s");
    expect(formatPopupDuration(0)).toBe("0 s");
  });

  it("rounds to minutes from ten minutes", () => {
    expect(formatPopupDuration(41 * 60_000 + 57_000)).toBe("42 min");
    expect(formatPopupDuration(65 * 60_000 + 20_000)).toBe("1 h 05 min");
  });

  it("drops zero parts", () => {
    expect(formatPopupDuration(5 * 60_000)).toBe("5 min");
    expect(formatPopupDuration(10 * 60_000)).toBe("10 min");
    expect(formatPopupDuration(60 * 60_000)).toBe("1 h");
    expect(formatPopupDuration(2 * 86_400_000)).toBe("2 d");
  });
});

describe("describeClockOffset", () => {
  it("stays silent within five seconds", () => {
    expect(describeClockOffset(5000)).toBeNull();
    expect(describeClockOffset(-5000)).toBeNull();
  });

  it("says behind when the server is ahead", () => {
    expect(describeClockOffset(302_000)).toBe(
      "Your clock is 5 min 2 s behind the server. Countdowns use the server's clock.",
    );
  });

  it("says ahead when the server is behind", () => {
    expect(describeClockOffset(-7000)).toBe(
      "Your clock is 7 s ahead of the server. Countdowns use the server's clock.",
    );
  });
});

describe("describeConnection", () => {
  it("open is connected", () => {
    const line = describeConnection(status({ state: "open" }), true, LOCAL_NOW);
    expect(line.text).toBe("Connected");
    expect(line.tone).toBe("ok");
  });

  it("waiting counts down to the retry", () => {
    const waiting = status({
      state: "waiting",
      retryAt: LOCAL_NOW + 12_000,
      lastError: "connection refused",
    });
    const line = describeConnection(waiting, true, LOCAL_NOW);
    expect(line.text).toBe("Reconnecting");
    expect(line.countdown).toBe("12 s");
    expect(line.detail).toBe("Last error: connection refused");
  });

  it("waiting past the retry time", () => {
    const waiting = status({ state: "waiting", retryAt: LOCAL_NOW - 1 });
    const line = describeConnection(waiting, true, LOCAL_NOW);
    expect(line.text).toBe("Reconnecting…");
    expect(line.countdown).toBeNull();
  });

  it("waiting during maintenance reads as expected", () => {
    const waiting = status({ state: "waiting", retryAt: LOCAL_NOW + 30_000, lastError: "refused" });
    const line = describeConnection(waiting, true, LOCAL_NOW, "maintenance");
    expect(line.text).toBe("Down for maintenance, as announced. Reconnecting");
    expect(line.countdown).toBe("30 s");
    expect(line.tone).toBe("busy");
    expect(line.detail).toBeNull();
  });

  it("connecting during maintenance hides the last error", () => {
    const connecting = status({ state: "connecting", lastError: "Connection closed (code 1006)." });
    const line = describeConnection(connecting, true, LOCAL_NOW, "maintenance");
    expect(line.text).toBe("Down for maintenance, as announced. Connecting…");
    expect(line.detail).toBeNull();
    expect(line.tone).toBe("busy");
  });

  it("error quotes the server", () => {
    const rejected = status({ state: "error", lastError: "session expired" });
    const line = describeConnection(rejected, true, LOCAL_NOW);
    expect(line.text).toBe("The server rejected the session");
    expect(line.detail).toBe("Reason: session expired");
    expect(line.tone).toBe("error");
  });

  it("error without a reason says so", () => {
    const rejected = status({ state: "error", lastError: null });
    const line = describeConnection(rejected, true, LOCAL_NOW);
    expect(line.detail).toBe("The server gave no reason.");
  });

  it("idle without endpoint is not configured", () => {
    const line = describeConnection(status({}), false, LOCAL_NOW);
    expect(line.text).toBe("Not configured");
  });

  it("idle with endpoint is not connected", () => {
    const line = describeConnection(status({}), true, LOCAL_NOW);
    expect(line.text).toBe("Not connected");
  });
});
