/** Formats a duration in ms as "2 d 3 h", "1 h 05 min", "9 min 58 s" or "42 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;

  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  if (minutes > 0) return `${minutes} min ${seconds} s`;
  return `${seconds} s`;
}

/** Formats a duration rounded to whole minutes, at least one: "15 min", "1 h 05 min", "2 d". */
export function formatRoundedDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return formatDuration(minutes * 60_000).replace(/ (0 s|00 min|0 h)$/, "");
}
