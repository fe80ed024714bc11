// Shared shapes of the pure core. Every time is a number of milliseconds since
// the Unix epoch. Times that came from the server are on the server's clock;
// `serverNow` in a signature means local `Date.now()` plus the clock offset.

/** A maintenance window as announced by a `broadcast` of kind maintenance. */
export interface MaintenanceWindow {
  kind: "maintenance";
  /** Stable identity: the ISO form of `starting`. */
  id: string;
  starting: number;
  /** Null when the server sent an `ending` that is not after `starting`. */
  ending: number | null;
  message: string;
  /** Server time of the first announcement of this window. */
  announcedAt: number;
  /** Server time of the last change to `ending` or `message`; unset until one. */
  changedAt?: number;
}

/** An upgrade as announced by a `broadcast` of kind upgrade. */
export interface Upgrade {
  kind: "upgrade";
  /** Stable identity: the ISO form of `eta`. */
  id: string;
  /** When the upgrade is due to complete and clients should reconnect. */
  eta: number;
  /** True when the server requests that clients reload cached resources. */
  reload: boolean;
  message: string;
  announcedAt: number;
  /** Server time the service was seen back after the upgrade; unset while pending. */
  completedAt?: number;
}

export type Announcement = MaintenanceWindow | Upgrade;

/** Everything the worker stores about announcements. */
export interface AnnouncementState {
  /** Windows that have not ended yet, sorted by `starting`. */
  windows: MaintenanceWindow[];
  /** Upgrades whose completion has not been seen yet, sorted by `eta`. */
  upgrades: Upgrade[];
  /** Recently finished announcements, newest first, kept for the popup. */
  history: Announcement[];
}

/** Reason a frame was rejected, also used as the key of the diagnostics counters. */
export type RejectReason =
  "frame-too-large" | "invalid-json" | "not-an-object" | "unknown-kind" | "invalid-field";

/** Phases of one announcement that can raise a notification. */
export type Phase =
  | "announced"
  | "changed"
  | "reminder"
  | "started"
  | "ended"
  | "upgrade-announced"
  | "upgrade-complete";

/** User settings, written only by the options page. */
export interface Settings {
  /** ws:// or wss:// URL of the broadcast service; empty until set. */
  endpoint: string;
  /** Minutes before a window starts to raise the reminder. Default 15. */
  reminderMinutes: number;
  /** Phases that raise a desktop notification, all on by default. */
  notify: Record<Phase, boolean>;
}

export type ConnectionState =
  | "idle" // no endpoint configured
  | "connecting"
  | "open"
  | "waiting" // closed, a retry is scheduled
  | "error"; // the server refused the session; retrying will not help soon

/** Connection facts the worker publishes for the popup and the badge. */
export interface ConnectionStatus {
  state: ConnectionState;
  /** Local time of the last state change. */
  since: number;
  /** Local time of the next connection attempt while `waiting`. */
  retryAt: number | null;
  /** Consecutive failed attempts since the last greeting. */
  attempt: number;
  /** Plain-language reason for the last failure, without the endpoint. */
  lastError: string | null;
  /** Server time of the last `connectionResponse` greeting. */
  greetedAt: number | null;
}

/** One clock reading: `offset` = server clock minus local clock. */
export interface ClockSample {
  offset: number;
  /** Bound on the error of `offset` in ms (network delay and rounding). */
  uncertainty: number;
  /** Local time of the reading. */
  at: number;
  source: "greeting" | "broadcast" | "test";
}

export interface ClockState {
  samples: ClockSample[];
  /** Current estimate of server minus local clock in ms; 0 when unknown. */
  offset: number;
  /** Offset of a broadcast reading far ahead, kept until a second one confirms it. */
  pending?: number;
}

/** Counts of rejected frames and the latest reasons, shown in the popup. */
export interface Diagnostics {
  rejected: Partial<Record<RejectReason, number>>;
  /** Newest first, at most a handful. */
  recent: { at: number; reason: RejectReason; detail: string }[];
}
