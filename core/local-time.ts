// Local date and time for people. Callers convert server times with
// `toLocalTime` first, so what is shown matches the user's wall clock.

const DAY_MS = 24 * 60 * 60_000;

/** Formats `localMs` as "14:05" today, "Sat 14:05" within a week, else with the date. */
export function formatLocalTime(localMs: number, localNow: number, locale?: string): string {
  const date = new Date(localMs);
  const time = date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  if (new Date(localNow).toDateString() === date.toDateString()) return time;
  if (Math.abs(localMs - localNow) < 6 * DAY_MS) {
    return `${date.toLocaleDateString(locale, { weekday: "short" })} ${time}`;
  }
  const day = date.toLocaleDateString(locale, { day: "numeric", month: "short", year: "numeric" });
  return `${day} ${time}`;
}
