// Local date and time for people. Callers convert server times with
// `toLocalTime` first, so what is shown matches the user's wall clock.

/**
 * Formats `localMs` as a time of day ("14:05") on the day of `referenceMs`,
 * and with weekday, day and month ("Wed 11 Mar, 14:05") on any other day;
 * the year is added when it differs.
 */
export function formatLocalTime(localMs: number, referenceMs: number, locale?: string): string {
  const date = new Date(localMs);
  const reference = new Date(referenceMs);
  if (date.toDateString() === reference.toDateString()) {
    return date.toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
  }
  const otherYear = date.getFullYear() !== reference.getFullYear();
  return date.toLocaleString(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(otherYear ? { year: "numeric" } : {}),
    hour: "numeric",
    minute: "2-digit",
  });
}
