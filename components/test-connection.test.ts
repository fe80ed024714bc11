import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeWebSocket } from "../lib/fake-web-socket";
import { describeOutcome, testConnection, TEST_TIMEOUT_MS } from "./test-connection";

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const URL = "ws://127.0.0.1:8080/session/secret-id";

function greeting(fields: Record<string, unknown>): string {
  return `connectionResponse ${JSON.stringify(fields)}`;
}

describe("testConnection", () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    vi.useFakeTimers({ now: NOW });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("greeting gives latency and offset", async () => {
    let clock = NOW;
    const result = testConnection(URL, { socketClass: FakeWebSocket, now: () => clock });
    clock = NOW + 200;
    // Stamped halfway through the round trip, five minutes ahead.
    const serverTime = new Date(NOW + 100 + 300_000).toISOString();
    FakeWebSocket.latest().receive(greeting({ serverTime, errorCode: 0 }));

    expect(await result).toEqual({ kind: "greeted", latencyMs: 200, offset: 300_000 });
    expect(FakeWebSocket.latest().url).toBe(URL);
    expect(FakeWebSocket.latest().closed).toBe(true);
  });

  it("slow handshake does not skew the offset", async () => {
    let clock = NOW;
    const result = testConnection(URL, { socketClass: FakeWebSocket, now: () => clock });
    clock = NOW + 12_000;
    FakeWebSocket.latest().open();
    // Same clock on both sides: the greeting is stamped as the handshake ends.
    const serverTime = new Date(NOW + 12_000).toISOString();
    FakeWebSocket.latest().receive(greeting({ serverTime, errorCode: 0 }));

    expect(await result).toEqual({ kind: "greeted", latencyMs: 12_000, offset: 0 });
  });

  it("non-zero errorCode is refused", async () => {
    const result = testConnection(URL, { socketClass: FakeWebSocket });
    FakeWebSocket.latest().receive(greeting({ errorCode: 4, message: "Session expired" }));

    expect(await result).toEqual({ kind: "refused", errorCode: 4, message: "Session expired" });
  });

  it("close before a frame", async () => {
    const result = testConnection(URL, { socketClass: FakeWebSocket });
    FakeWebSocket.latest().drop(1006);

    expect(await result).toEqual({ kind: "closed", code: 1006, reason: "", opened: false });
  });

  it("close after the handshake, before a frame", async () => {
    const result = testConnection(URL, { socketClass: FakeWebSocket });
    FakeWebSocket.latest().open();
    FakeWebSocket.latest().drop(1006);

    expect(await result).toEqual({ kind: "closed", code: 1006, reason: "", opened: true });
  });

  it("times out without a frame", async () => {
    const result = testConnection(URL, { socketClass: FakeWebSocket });
    vi.advanceTimersByTime(TEST_TIMEOUT_MS);

    expect(await result).toEqual({ kind: "timeout" });
    expect(FakeWebSocket.latest().closed).toBe(true);
  });

  it("first frame not a greeting", async () => {
    const result = testConnection(URL, { socketClass: FakeWebSocket });
    FakeWebSocket.latest().receive("ping");

    expect(await result).toEqual({ kind: "unexpected", frame: { type: "other", name: "ping" } });
  });

  it("constructor error hides the URL", async () => {
    class ThrowingSocket extends FakeWebSocket {
      constructor(url: string) {
        super(url);
        throw new SyntaxError(`The URL '${url}' is invalid.`);
      }
    }

    const result = await testConnection(URL, { socketClass: ThrowingSocket });

    expect(result).toEqual({ kind: "invalid-url" });
    expect(describeOutcome(result, URL)).not.toContain("secret-id");
  });
});

describe("describeOutcome", () => {
  it("greeted with the server ahead", () => {
    const text = describeOutcome({ kind: "greeted", latencyMs: 42, offset: 302_000 }, URL);
    expect(text).toBe("Connected in 42 ms. Server clock is 5 min 2 s ahead of yours.");
  });

  it("greeted with the server behind", () => {
    const text = describeOutcome({ kind: "greeted", latencyMs: 42, offset: -3000 }, URL);
    expect(text).toBe("Connected in 42 ms. Server clock is 3 s behind yours.");
  });

  it("refused quotes the server", () => {
    const outcome = { kind: "refused", errorCode: 4, message: "Session expired" } as const;
    expect(describeOutcome(outcome, URL)).toBe(
      "The server refused the session (error code 4): Session expired",
    );
  });

  it("closed shows only the origin", () => {
    const text = describeOutcome({ kind: "closed", code: 1006, reason: "", opened: false }, URL);
    expect(text).toBe(
      "Could not connect to ws://127.0.0.1:8080: connection refused or closed (code 1006).",
    );
  });

  it("closed after opening says the connection worked", () => {
    const text = describeOutcome({ kind: "closed", code: 1006, reason: "", opened: true }, URL);
    expect(text).toBe(
      "Connected to ws://127.0.0.1:8080, but the connection closed before the greeting (code 1006). Check the server's logs.",
    );
  });

  it("timeout names the wait", () => {
    const text = describeOutcome({ kind: "timeout" }, URL);
    expect(text).toBe("Could not connect to ws://127.0.0.1:8080: no frame arrived within 10 s.");
  });
});
