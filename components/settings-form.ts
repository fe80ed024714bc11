// The options form as text fields, and its conversion to validated settings.
import { validateEndpoint } from "../core/endpoint";
import { MAX_REMINDER_MINUTES } from "../core/settings";
import type { Phase, Settings } from "../core/types";

/** Checkbox labels of the notification phases. */
export const PHASE_LABELS: Record<Phase, string> = {
  announced: "New maintenance window announced",
  changed: "Maintenance window changed",
  reminder: "Reminder before it starts",
  started: "Maintenance started",
  ended: "Maintenance over and service back",
  "upgrade-announced": "Upgrade announced",
  "upgrade-complete": "Upgrade complete",
};

/** The form's fields as the user typed them. */
export interface SettingsForm {
  endpoint: string;
  reminder: string;
  notify: Record<Phase, boolean>;
}

export interface FormErrors {
  endpoint?: string;
  reminder?: string;
}

export type FormCheck = { ok: true; settings: Settings } | { ok: false; errors: FormErrors };

/** Fills the form from stored settings. */
export function toForm(settings: Settings): SettingsForm {
  return {
    endpoint: settings.endpoint,
    reminder: String(settings.reminderMinutes),
    notify: { ...settings.notify },
  };
}

/** Validates every field and returns either the settings to store or the errors. */
export function readForm(form: SettingsForm): FormCheck {
  // An empty endpoint is allowed here: it is how a user stops the extension.
  const endpoint =
    form.endpoint.trim() === "" ? { ok: true as const, url: "" } : validateEndpoint(form.endpoint);
  const reminder = parseReminder(form.reminder);
  if (endpoint.ok && reminder.ok) {
    const settings = {
      endpoint: endpoint.url,
      reminderMinutes: reminder.minutes,
      notify: { ...form.notify },
    };
    return { ok: true, settings };
  }

  const errors: FormErrors = {};
  if (!endpoint.ok) errors.endpoint = endpoint.error;
  if (!reminder.ok) errors.reminder = reminder.error;
  return { ok: false, errors };
}

/** Parses the reminder lead time: a whole number of minutes up to the maximum. */
export function parseReminder(
  text: string,
): { ok: true; minutes: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  const minutes = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || minutes > MAX_REMINDER_MINUTES) {
    const error = `Enter a whole number of minutes from 0 to ${MAX_REMINDER_MINUTES}.`;
    return { ok: false, error };
  }
  return { ok: true, minutes };
}
