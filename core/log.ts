// One logger for the worker. A misbehaving server can send thousands of bad
// frames, so a message repeated under the same key is printed once per
// interval, followed later by how many copies were suppressed.

/** Repeats of one key inside this interval are counted, not printed. */
export const REPEAT_INTERVAL_MS = 60_000;

export interface LogSink {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface Logger {
  info(message: string): void;
  /** Logs a warning; repeats of `key` are suppressed for a while. */
  warn(key: string, message: string): void;
  error(key: string, message: string, error?: unknown): void;
}

/** Creates a logger that prefixes each line and suppresses repeats. */
export function createLogger(
  prefix: string,
  sink: LogSink = console,
  now: () => number = Date.now,
): Logger {
  const seen = new Map<string, { at: number; suppressed: number }>();

  function emit(level: "warn" | "error", key: string, message: string, extra: unknown[]) {
    const entry = seen.get(key);
    const time = now();
    if (entry && time - entry.at < REPEAT_INTERVAL_MS) {
      entry.suppressed++;
      return;
    }
    const note =
      entry && entry.suppressed > 0 ? ` (${entry.suppressed} similar messages suppressed)` : "";
    seen.set(key, { at: time, suppressed: 0 });
    sink[level](`${prefix} ${message}${note}`, ...extra);
  }

  return {
    info: (message) => sink.info(`${prefix} ${message}`),
    warn: (key, message) => emit("warn", key, message, []),
    error: (key, message, error) => emit("error", key, message, error === undefined ? [] : [error]),
  };
}
