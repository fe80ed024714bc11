import type { Phase, Settings } from "./types";

/** Every phase that can raise a notification, in the order a window meets them. */
export const PHASES: readonly Phase[] = [
  "announced",
  "changed",
  "reminder",
  "started",
  "ended",
  "upgrade-announced",
  "upgrade-complete",
];

/** Default reminder lead time in minutes. */
export const DEFAULT_REMINDER_MINUTES = 15;

/** Largest reminder lead time the options page accepts: one day. */
export const MAX_REMINDER_MINUTES = 24 * 60;

/** Builds the settings a fresh install starts with. */
export function defaultSettings(endpoint = ""): Settings {
  const notify = {} as Record<Phase, boolean>;
  for (const phase of PHASES) notify[phase] = true;
  return { endpoint, reminderMinutes: DEFAULT_REMINDER_MINUTES, notify };
}
