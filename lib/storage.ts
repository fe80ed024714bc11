// Storage items shared by the worker, the popup and the options page. The
// worker is the only writer of everything here except `settingsItem`, which
// only the options page writes.
import { storage } from "@wxt-dev/storage";
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

export const settingsItem = storage.defineItem<Settings>("local:settings", {
  fallback: defaultSettings(BUILT_IN_ENDPOINT),
  version: 1,
});

export const announcementsItem = storage.defineItem<AnnouncementState>("local:announcements", {
  fallback: { windows: [], upgrades: [], history: [] },
  version: 1,
});

/** Keys `<announcement id>:<phase>` already notified, with the server time of the notice. */
export const notifiedItem = storage.defineItem<Record<string, number>>("local:notified", {
  fallback: {},
  version: 1,
});

export const clockItem = storage.defineItem<ClockState>("local:clock", {
  fallback: { samples: [], offset: 0 },
  version: 1,
});

export const statusItem = storage.defineItem<ConnectionStatus>("local:status", {
  fallback: {
    state: "idle",
    since: 0,
    retryAt: null,
    attempt: 0,
    lastError: null,
    greetedAt: null,
  },
  version: 1,
});

export const diagnosticsItem = storage.defineItem<Diagnostics>("local:diagnostics", {
  fallback: { rejected: {}, recent: [] },
  version: 1,
});
