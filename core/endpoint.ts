// Validation and redaction of the configured WebSocket endpoint. The path,
// query and credentials may carry a session id, so logs and the UI show only
// the scheme, host and port.

export type EndpointCheck = { ok: true; url: string } | { ok: false; error: string };

/** Checks that `text` is a usable ws:// or wss:// URL; returns it trimmed. */
export function validateEndpoint(text: string): EndpointCheck {
  const trimmed = text.trim();
  if (trimmed === "") {
    return { ok: false, error: "Enter the WebSocket URL of the service." };
  }

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      ok: false,
      error: "This is not a valid URL. Use the form wss://host/path.",
    };
  }

  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    const scheme = url.protocol.replace(/:$/, "");
    return {
      ok: false,
      error: `The scheme "${scheme}" is not supported: the URL must start with ws:// or wss://.`,
    };
  }
  if (url.hostname === "") {
    return { ok: false, error: "The URL has no host name." };
  }
  if (url.hash !== "") {
    return { ok: false, error: "A WebSocket URL cannot contain a # fragment." };
  }
  return { ok: true, url: trimmed };
}

/** Tells whether two endpoints name the same URL, so `ws://h` equals `ws://h/`. */
export function sameEndpoint(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function normalize(text: string): string {
  try {
    return new URL(text.trim()).href;
  } catch {
    return text;
  }
}

/** Returns `scheme://host:port` of an endpoint, safe to log or display. */
export function redactEndpoint(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}`;
  } catch {
    return "(invalid endpoint)";
  }
}
