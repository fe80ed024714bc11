// Storage items shared by the worker, the popup and the options page. The
// worker is the only writer of everything here except `settingsItem`, which
// only the options page writes.
import { storage } from "@wxt-dev/storage";
import { EMPTY_STATE } from "../core/announcements";
import { EMPTY_CLOCK } from "../core/clock";
import { defaultSettings } from "../core/settings";
import type {
  AnnouncementState,
  ClockState,
  ConnectionStatus,
  Diagnostics,
  Settings,
} from "../core/types";

declare const __DEFAULT_ENDPOINT__: string;

/** Endpoint baked in at build time; empty for a store build. */
export const BUILT_IN_ENDPOINT: string =
  typeof __DEFAULT_ENDPOINT__ === "string" ? __DEFAULT_ENDPOINT__ : "";

/** Connection status before the worker first runs. */
export const INITIAL_STATUS: ConnectionStatus = {
  state: "idle",
  since: 0,
  retryAt: null,
  attempt: 0,
  lastError: null,
  greetedAt: null,
};

export const EMPTY_DIAGNOSTICS: Diagnostics = { rejected: {}, recent: [] };

export const settingsItem = storage.defineItem<Settings>("local:settings", {
  fallback: defaultSettings(BUILT_IN_ENDPOINT),
  version: 1,
});

export const announcementsItem = storage.defineItem<AnnouncementState>("local:announcements", {
  fallback: EMPTY_STATE,
  version: 1,
});

/** Keys `<announcement id>:<phase>` already notified, with the server time of the notice. */
export const notifiedItem = storage.defineItem<Record<string, number>>("local:notified", {
  fallback: {},
  version: 1,
});

export const clockItem = storage.defineItem<ClockState>("local:clock", {
  fallback: EMPTY_CLOCK,
  version: 1,
});

export const statusItem = storage.defineItem<ConnectionStatus>("local:status", {
  fallback: INITIAL_STATUS,
  version: 1,
});

export const diagnosticsItem = storage.defineItem<Diagnostics>("local:diagnostics", {
  fallback: EMPTY_DIAGNOSTICS,
  version: 1,
});
