// ISO 8601 timestamps as the service sends them. The service documents UTC
// throughout, and its own example has an `ending` with no zone, so a
// timestamp without a zone is read as UTC, never as local time.

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses an ISO 8601 date-time into epoch ms, or returns null if invalid. */
export function parseTimestamp(text: string): number | null {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return null;

  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const fields = [year, month, day, hour, minute].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const seconds = second === undefined ? 0 : Number(second);
  // Fractions finer than a millisecond are truncated.
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
  const [y, mo, d, h, mi] = fields;

  // Second 60 is a leap second; it is read as the first second of the next minute.
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || seconds > 60) {
    return null;
  }
  // setUTCFullYear, unlike Date.UTC, keeps years 0 to 99 as they are.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  // A day past the month's end, such as 31 February, rolls over; reject it.
  if (date.getUTCDate() !== d) return null;
  const utc = date.getTime() + ((h * 60 + mi) * 60 + seconds) * 1000 + millis;

  const offset = parseZoneOffset(zone);
  return offset === null ? null : utc - offset;
}

/** Returns the zone's offset from UTC in ms; a missing zone means UTC. */
function parseZoneOffset(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;

  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Formats epoch ms as ISO 8601 UTC with milliseconds; used as an id. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
