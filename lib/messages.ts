// Requests that the popup and the options page send to the worker with
// `browser.runtime.sendMessage`. The worker replies to each with a `Reply`.

export type Request =
  /** Drop the socket and connect again now, skipping any backoff wait. */
  | { type: "reconnect" }
  /** Forget rejected-frame counters shown in the popup. */
  | { type: "clear-diagnostics" };

export interface Reply {
  ok: boolean;
  error?: string;
}

/** Narrows an unknown runtime message to a `Request`. */
export function isRequest(value: unknown): value is Request {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "reconnect" || type === "clear-diagnostics";
}
