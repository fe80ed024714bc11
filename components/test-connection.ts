// A one-off connection test run from the options page, separate from the
// worker's socket: it opens the URL, reads the first frame and closes.
import { greetingSample } from "../core/clock";
import { redactEndpoint } from "../core/endpoint";
import { parseFrame, type FrameEvent } from "../core/frame";
import { formatPopupDuration } from "./format";

/** How long the test waits for the server's first frame. */
export const TEST_TIMEOUT_MS = 10_000;

/** The part of the WebSocket API the test uses, so tests can inject a fake. */
export interface TestSocket {
  addEventListener(type: "open", listener: () => void): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: "close",
    listener: (event: { code: number; reason: string }) => void,
  ): void;
  close(): void;
}

export type TestSocketClass = new (url: string) => TestSocket;

export type TestOutcome =
  /** `offset` is server minus local clock in ms, or null without a serverTime. */
  | { kind: "greeted"; latencyMs: number; offset: number | null }
  | { kind: "refused"; errorCode: number; message: string }
  | { kind: "unexpected"; frame: FrameEvent | { type: "binary" } }
  | { kind: "closed"; code: number; reason: string; opened: boolean }
  | { kind: "timeout" }
  | { kind: "invalid-url" };

export interface TestOptions {
  socketClass?: TestSocketClass;
  timeoutMs?: number;
  now?: () => number;
}

/** Connects to `url`, waits for the first frame and closes the socket again. */
export function testConnection(url: string, options: TestOptions = {}): Promise<TestOutcome> {
  const { socketClass = WebSocket, timeoutMs = TEST_TIMEOUT_MS, now = Date.now } = options;
  const sentAt = now();

  let socket: TestSocket;
  try {
    socket = new socketClass(url);
  } catch {
    // The browser's message repeats the URL, which may contain a session id.
    return Promise.resolve({ kind: "invalid-url" });
  }

  return new Promise<TestOutcome>((resolve) => {
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);

    let settled = false;

    // Closing fires a "close" event of its own, which must not count twice.
    function finish(outcome: TestOutcome) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      socket.close();
    }

    // The server greets right after the handshake. Timing the offset from the
    // open event keeps a slow handshake out of it.
    let openedAt: number | null = null;
    socket.addEventListener("open", () => {
      openedAt = now();
    });
    socket.addEventListener("message", (event) => {
      finish(readFirstFrame(event.data, sentAt, openedAt ?? sentAt, now()));
    });
    // Browsers follow every "error" event with "close", which carries the code.
    socket.addEventListener("close", (event) => {
      finish({ kind: "closed", code: event.code, reason: event.reason, opened: openedAt !== null });
    });
  });
}

function readFirstFrame(
  data: unknown,
  sentAt: number,
  openedAt: number,
  receivedAt: number,
): TestOutcome {
  if (typeof data !== "string") return { kind: "unexpected", frame: { type: "binary" } };

  const frame = parseFrame(data);
  if (frame.type !== "greeting") return { kind: "unexpected", frame };
  if (frame.errorCode !== 0) {
    return { kind: "refused", errorCode: frame.errorCode, message: frame.message };
  }

  const offset =
    frame.serverTime === null
      ? null
      : greetingSample(frame.serverTime, openedAt, receivedAt).offset;
  return { kind: "greeted", latencyMs: receivedAt - sentAt, offset };
}

/** Describes an outcome in a sentence that shows only the URL's scheme, host and port. */
export function describeOutcome(outcome: TestOutcome, url: string): string {
  const origin = redactEndpoint(url);
  switch (outcome.kind) {
    case "greeted":
      return `Connected in ${outcome.latencyMs} ms. ${describeOffset(outcome.offset)}`;
    case "refused":
      return `The server refused the session (error code ${outcome.errorCode}): ${outcome.message || "no reason given"}`;
    case "unexpected":
      return `Connected to ${origin}, but the first frame was ${describeFrame(outcome.frame)}, not a greeting.`;
    case "closed":
      if (outcome.opened) {
        return `Connected to ${origin}, but the connection closed before the greeting (${closeCode(outcome.code, outcome.reason)}). Check the server's logs.`;
      }
      return `Could not connect to ${origin}: ${describeClose(outcome.code, outcome.reason)}.`;
    case "timeout":
      return `Could not connect to ${origin}: no frame arrived within ${TEST_TIMEOUT_MS / 1000} s.`;
    case "invalid-url":
      return `Could not connect to ${origin}: the browser rejected the URL.`;
  }
}

function describeOffset(offset: number | null): string {
  if (offset === null) return "The server sent no serverTime, so its clock offset is unknown.";
  // The server sends whole seconds, so smaller differences mean nothing.
  if (Math.abs(offset) < 1000) return "Server clock matches yours to within a second.";
  const direction = offset > 0 ? "ahead of" : "behind";
  return `Server clock is ${formatPopupDuration(Math.abs(offset))} ${direction} yours.`;
}

function describeFrame(frame: FrameEvent | { type: "binary" }): string {
  switch (frame.type) {
    case "binary":
      return "binary data";
    case "announcement":
      return "an announcement";
    case "other":
      return `a "${frame.name}" frame`;
    case "rejected":
      return `not readable (${frame.detail})`;
    case "greeting":
      return "a greeting";
  }
}

function describeClose(code: number, reason: string): string {
  if (code === 1006) return "connection refused or closed (code 1006)";
  return `the server closed the connection (${closeCode(code, reason)})`;
}

function closeCode(code: number, reason: string): string {
  return reason ? `code ${code}, ${reason}` : `code ${code}`;
}
