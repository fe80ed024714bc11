// The worker's copy of everything in storage. It is loaded once per worker
// start; after that the worker is the only writer, so the copy stays current.
import { EMPTY_STATE } from "../../core/announcements";
import { EMPTY_CLOCK } from "../../core/clock";
import type {
  AnnouncementState,
  ClockState,
  ConnectionStatus,
  Diagnostics,
  Settings,
} from "../../core/types";
import {
  announcementsItem,
  clockItem,
  diagnosticsItem,
  EMPTY_DIAGNOSTICS,
  notifiedItem,
  settingsItem,
  statusItem,
} from "../../lib/storage";

export interface Memory {
  settings: Settings;
  announcements: AnnouncementState;
  notified: Record<string, number>;
  clock: ClockState;
  status: ConnectionStatus;
  diagnostics: Diagnostics;
}

const ITEMS = {
  announcements: announcementsItem,
  notified: notifiedItem,
  clock: clockItem,
  status: statusItem,
  diagnostics: diagnosticsItem,
};

/** Reads every item; a socket from a previous worker life is gone, so it is reported closed. */
export async function loadMemory(): Promise<Memory> {
  const [settings, announcements, notified, clock, status, diagnostics] = await Promise.all([
    settingsItem.getValue(),
    announcementsItem.getValue(),
    notifiedItem.getValue(),
    clockItem.getValue(),
    statusItem.getValue(),
    diagnosticsItem.getValue(),
  ]);
  const stale = status.state === "open" || status.state === "connecting";
  return {
    settings,
    announcements,
    notified,
    clock,
    status: stale ? { ...status, state: "waiting", retryAt: null } : status,
    diagnostics,
  };
}

/** Writes one part of the memory back to storage. */
export async function save(memory: Memory, key: keyof typeof ITEMS): Promise<void> {
  const item = ITEMS[key] as { setValue(value: unknown): Promise<void> };
  await item.setValue(memory[key]);
}

/** Forgets everything learned from the previous endpoint. */
export async function emptyServiceState(memory: Memory): Promise<void> {
  memory.announcements = EMPTY_STATE;
  memory.notified = {};
  memory.clock = EMPTY_CLOCK;
  memory.diagnostics = EMPTY_DIAGNOSTICS;
  memory.status = { ...memory.status, attempt: 0, greetedAt: null, lastError: null };
  await Promise.all([
    save(memory, "announcements"),
    save(memory, "notified"),
    save(memory, "clock"),
    save(memory, "diagnostics"),
    save(memory, "status"),
  ]);
}
