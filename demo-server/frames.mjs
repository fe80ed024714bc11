// Text frames of the broadcast protocol: `<name> <JSON object>`, split at the
// first space. A frame with no space is a bare name with an empty body.

/**
 * Formats one frame from a name and a body object.
 * @param {string} name
 * @param {object} body
 * @returns {string}
 */
export function formatFrame(name, body) {
  return `${name} ${JSON.stringify(body)}`;
}

/**
 * Splits a frame into its name and parsed body. Returns null when the body is not a JSON object.
 * @param {string} text
 * @returns {{ name: string, body: Record<string, unknown> } | null}
 */
export function parseFrame(text) {
  const space = text.indexOf(" ");
  if (space === -1) return { name: text, body: {} };

  const name = text.slice(0, space);
  let body;
  try {
    body = JSON.parse(text.slice(space + 1));
  } catch {
    return null;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  return { name, body };
}

/**
 * Formats milliseconds since the epoch as ISO 8601 UTC with a `Z`.
 * @param {number} ms
 * @returns {string}
 */
export function toIso(ms) {
  return new Date(ms).toISOString();
}

/**
 * Returns the server time in ms until which a broadcast stays active: the
 * `ending` of a maintenance window, the `eta` of an upgrade. Returns null when
 * that field is missing or not a timestamp, so the broadcast is never replayed.
 * @param {Record<string, unknown>} body
 * @returns {number | null}
 */
export function activeUntil(body) {
  const field = body.kind === "maintenance" ? body.ending : body.eta;
  if (typeof field !== "string") return null;
  // The protocol reads a timestamp without a zone as UTC, but Date.parse would read it as local.
  const zoned = /(?:z|[+-]\d\d:?\d\d)$/i.test(field) ? field : `${field}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Returns the key under which an active broadcast is remembered, so announcing
 * the same window or upgrade again replaces the earlier copy.
 * @param {Record<string, unknown>} body
 * @returns {string}
 */
export function announcementKey(body) {
  const time = body.kind === "maintenance" ? body.starting : body.eta;
  return `${String(body.kind)}:${String(time)}`;
}
