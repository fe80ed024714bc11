// Parsing of one WebSocket text frame: `<name> <JSON object>`. The result is
// a plain event for the worker; a bad frame becomes a `rejected` event with a
// specific reason and never throws.
import * as z from "zod/mini";
import { parseLenientJson } from "./lenient-json";
import { formatTimestamp, parseTimestamp } from "./timestamp";
import type { Announcement, RejectReason } from "./types";

/** Largest frame accepted, in UTF-8 bytes. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Messages longer than this many characters are cut, with an ellipsis. */
export const MAX_MESSAGE_LENGTH = 2000;

/** An announcement before the worker stamps when it first saw it. */
export type AnnouncementInput =
  | Omit<Extract<Announcement, { kind: "maintenance" }>, "announcedAt">
  | Omit<Extract<Announcement, { kind: "upgrade" }>, "announcedAt">;

export type FrameEvent =
  | {
      type: "greeting";
      serverTime: number | null;
      errorCode: number;
      message: string;
    }
  | {
      type: "announcement";
      announcement: AnnouncementInput;
      serverTime: number | null;
      /** Harmless defects that were tolerated, for the log. */
      warnings: { field: string; detail: string }[];
    }
  | { type: "other"; name: string }
  | { type: "rejected"; reason: RejectReason; detail: string };

const timestamp = z
  .string()
  .check(z.refine((text) => parseTimestamp(text) !== null, "is not an ISO 8601 timestamp"));

/** Parses one text frame into an event for the worker. */
export function parseFrame(text: string): FrameEvent {
  if (exceedsFrameLimit(text)) {
    return reject("frame-too-large", `frame is larger than ${MAX_FRAME_BYTES} bytes`);
  }

  const split = splitFrame(text.trim());
  // Replies and pushes other than these two carry nothing for this extension.
  if (split.name !== "" && split.name !== "broadcast" && split.name !== "connectionResponse") {
    return { type: "other", name: split.name };
  }

  const label = split.name || "frame";
  if (split.body === "") return reject("invalid-json", `${label} has no JSON body`);
  let body: unknown;
  try {
    body = parseLenientJson(split.body);
  } catch (error) {
    return reject("invalid-json", `${label} body is not JSON: ${describe(error)}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return reject("not-an-object", `${label} body is not a JSON object`);
  }

  const record = body as Record<string, unknown>;
  const name = split.name === "" && "kind" in record ? "broadcast" : split.name;
  if (name === "broadcast") return parseBroadcast(record);
  if (name === "connectionResponse") return parseGreeting(record);
  return { type: "other", name };
}

function parseBroadcast(body: Record<string, unknown>): FrameEvent {
  const { kind } = body;
  if (kind === undefined) return reject("invalid-field", "broadcast has no kind");
  if (kind !== "maintenance" && kind !== "upgrade") {
    return reject("unknown-kind", `broadcast kind ${JSON.stringify(kind)} is not known`);
  }

  const serverTime = readServerTime(body);
  const warnings = serverTime.warning ? [{ field: "serverTime", detail: serverTime.warning }] : [];
  const announcement = kind === "maintenance" ? readMaintenance(body) : readUpgrade(body);
  if ("error" in announcement) return reject("invalid-field", `${kind} ${announcement.error}`);

  return { type: "announcement", announcement, serverTime: serverTime.value, warnings };
}

function readMaintenance(body: Record<string, unknown>): AnnouncementInput | { error: string } {
  const starting = readTimestamp(body, "starting");
  if (typeof starting === "string") return { error: starting };
  const ending = readTimestamp(body, "ending");
  if (typeof ending === "string") return { error: ending };
  return {
    kind: "maintenance",
    id: formatTimestamp(starting),
    starting,
    // An ending that is not after starting gives no usable end time.
    ending: ending > starting ? ending : null,
    message: trimMessage(body.message),
  };
}

function readUpgrade(body: Record<string, unknown>): AnnouncementInput | { error: string } {
  const eta = readTimestamp(body, "eta");
  if (typeof eta === "string") return { error: eta };
  return {
    kind: "upgrade",
    id: formatTimestamp(eta),
    eta,
    reload: body.reload === true,
    message: trimMessage(body.message),
  };
}

function parseGreeting(body: Record<string, unknown>): FrameEvent {
  const { errorCode } = body;
  return {
    type: "greeting",
    serverTime: readServerTime(body).value,
    // Some servers send the code as a string: "5" is still a rejection.
    errorCode: Number(errorCode) || 0,
    message: trimMessage(body.message),
  };
}

function readServerTime(body: Record<string, unknown>): { value: number | null; warning?: string } {
  const raw = body.serverTime;
  if (raw === undefined) return { value: null, warning: "serverTime is missing" };

  const value = typeof raw === "string" ? parseTimestamp(raw) : null;
  if (value === null) {
    return { value: null, warning: `serverTime ${quote(raw)} is not an ISO 8601 timestamp` };
  }
  return { value };
}

// The name is a lower-camel-case word; the space after it is tolerated when
// missing, so `broadcast{...}` still parses. Text that starts otherwise has no
// name and must be a bare JSON object.
function splitFrame(text: string): { name: string; body: string } {
  const match = /^([A-Za-z][A-Za-z0-9_]*)\s*/.exec(text);
  if (!match) return { name: "", body: text };
  return { name: match[1]!, body: text.slice(match[0].length) };
}

function exceedsFrameLimit(text: string): boolean {
  // A UTF-16 unit takes 1 to 3 UTF-8 bytes, so most frames need no encoding.
  if (text.length > MAX_FRAME_BYTES) return true;
  if (text.length * 3 <= MAX_FRAME_BYTES) return false;
  return new TextEncoder().encode(text).length > MAX_FRAME_BYTES;
}

/**
 * Returns the field's time, or why it is unusable. Fields are checked one by
 * one because an object schema would add 1.6 KiB gzip to the worker.
 */
function readTimestamp(body: Record<string, unknown>, field: string): number | string {
  const value = body[field];
  if (value === undefined) return `${field} is missing`;
  const result = timestamp.safeParse(value);
  if (result.success) return parseTimestamp(result.data)!;
  const issue = result.error.issues[0]!;
  const problem = issue.code === "custom" ? issue.message : "has the wrong type, expected a string";
  return `${field} ${quote(value)} ${problem}`;
}

// Control characters other than tab and newline render as boxes or nothing.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

// A lone surrogate becomes U+FFFD, as storage would store it, so a stored
// message still equals the same message sent again.
function trimMessage(text: unknown): string {
  if (typeof text !== "string") return "";
  const message = text.replace(CONTROL_CHARACTERS, "").trim().toWellFormed();
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  // The cut keeps a surrogate pair whole.
  const cut = MAX_MESSAGE_LENGTH - 1;
  const end = /[\uD800-\uDBFF]/.test(message.charAt(cut - 1)) ? cut - 1 : cut;
  return `${message.slice(0, end)}…`;
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reject(reason: RejectReason, detail: string): FrameEvent {
  return { type: "rejected", reason, detail };
}
