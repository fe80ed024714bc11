// The worker's connection life: connect, read frames, retry after a close.
// Every event runs through one queue, so no two handlers interleave their
// read-modify-write of the stored state.
import { applyAnnouncement, completeUpgrade } from "../../core/announcements";
import { addClockSample, broadcastSample, greetingSample, serverNow } from "../../core/clock";
import { redactEndpoint, sameEndpoint } from "../../core/endpoint";
import { type FrameEvent, parseFrame } from "../../core/frame";
import type { Logger } from "../../core/log";
import { planRetry } from "../../core/reconnect";
import type { ConnectionStatus, Settings } from "../../core/types";
import {
  ALARM_PLAN,
  ALARM_RECONNECT,
  cancelAlarm,
  clearNotices,
  scheduleAlarm,
} from "./browser-ui";
import { recordRejection, resetDiagnostics } from "./diagnostics";
import { refresh } from "./refresh";
import { type BroadcastSocket, openSocket } from "./socket";
import { type Memory, emptyServiceState, loadMemory, save } from "./memory";

/** A reconnect request within this long of the last attempt is ignored. */
const DUPLICATE_RECONNECT_MS = 2000;

/** A connection that lasted this long resets the backoff when it drops. */
const STABLE_CONNECTION_MS = 30_000;

/** An open socket without a `connectionResponse` after this long is taken as up anyway. */
const GREETING_TIMEOUT_MS = 10_000;

/**
 * Maximum delay of a worker timer. Browsers run a timer over 2^31 - 1 ms at
 * once, which made a far-off check loop. The alarm covers the time beyond.
 */
const MAX_TIMER_MS = 60 * 60_000;

type SavedKey = Parameters<typeof save>[1];

export interface Worker {
  /** Connects unless connected or waiting for a retry that is still ahead. */
  ensureConnected(): Promise<void>;
  /** Drops the socket and connects now, with the backoff reset. */
  reconnectNow(): Promise<void>;
  handleRetryDue(): Promise<void>;
  handleSettingsChange(next: Settings, previous: Settings | null): Promise<void>;
  /** Updates notifications and badge, then waits until no task is queued. */
  refresh(): Promise<void>;
  clearDiagnostics(): Promise<void>;
}

export function createWorker(log: Logger): Worker {
  const ready = loadMemory();
  let queue: Promise<void> = Promise.resolve();
  let socket: BroadcastSocket | null = null;
  let openedAt: number | null = null;
  let greeted = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let planTimer: ReturnType<typeof setTimeout> | undefined;
  // A burst of broadcasts is saved and shown once, after the burst.
  let updateQueued = false;
  const unsaved = new Set<SavedKey>();

  function run(task: (memory: Memory) => Promise<void>): Promise<void> {
    const next = queue.then(async () => task(await ready));
    queue = next.catch((error) =>
      log.error("task", "a worker task failed; state kept as before", error),
    );
    return queue;
  }

  async function update(memory: Memory) {
    const nextCheck = await refresh(memory, log);
    if (nextCheck === null) return;
    clearTimeout(planTimer);
    // The timer is exact while the worker lives; the alarm wakes a stopped one.
    planTimer = later(() => void run(update), nextCheck - Date.now() + 50);
    await scheduleAlarm(ALARM_PLAN, nextCheck);
  }

  /** Resolves once the queue is empty, including tasks queued while waiting. */
  async function idle() {
    let current: Promise<void>;
    do {
      current = queue;
      await current;
    } while (current !== queue);
  }

  /** Saves `keys` and runs `update` once the frames queued so far are handled. */
  function updateSoon(...keys: SavedKey[]) {
    for (const key of keys) unsaved.add(key);
    if (updateQueued) return;
    updateQueued = true;
    void run(async (memory) => {
      updateQueued = false;
      const keys = [...unsaved];
      unsaved.clear();
      for (const key of keys) await save(memory, key);
      await update(memory);
    });
  }

  async function setStatus(memory: Memory, change: Partial<ConnectionStatus>) {
    const stateChanged = change.state !== undefined && change.state !== memory.status.state;
    memory.status = { ...memory.status, ...change, ...(stateChanged ? { since: Date.now() } : {}) };
    await save(memory, "status");
  }

  async function connect(memory: Memory) {
    socket?.close("replaced by a new connection");
    socket = null;
    openedAt = null;
    greeted = false;
    clearTimeout(retryTimer);
    await cancelAlarm(ALARM_RECONNECT);

    const { endpoint } = memory.settings;
    if (endpoint === "") {
      await setStatus(memory, { state: "idle", retryAt: null, lastError: null });
      await update(memory);
      return;
    }

    await setStatus(memory, { state: "connecting", retryAt: null });
    await update(memory);
    log.info(`connecting to ${redactEndpoint(endpoint)}`);
    const current: BroadcastSocket = openSocket(endpoint, {
      onOpen: () => void run(() => (socket === current ? handleOpen(current) : Promise.resolve())),
      onFrame: (text, at) =>
        void run((m) =>
          socket === current ? handleFrame(m, current, text, at) : Promise.resolve(),
        ),
      onClose: (reason) =>
        void run((m) => (socket === current ? handleClose(m, reason) : Promise.resolve())),
    });
    socket = current;
  }

  // The service counts as up once it greets or sends a broadcast, because a
  // socket can open on a proxy or a server that is still starting. A server
  // that stays silent but open for GREETING_TIMEOUT_MS counts as up too.
  function handleOpen(current: BroadcastSocket) {
    openedAt = Date.now();
    setTimeout(() => {
      void run(async (memory) => {
        if (socket !== current || greeted) return;
        log.warn("no-greeting", "no connectionResponse greeting; treating the connection as up");
        await markUp(memory, null);
        await update(memory);
      });
    }, GREETING_TIMEOUT_MS);
    return Promise.resolve();
  }

  /** Records the service as up; `greetedAt` is the greeting's server time, if any. */
  async function markUp(memory: Memory, greetedAt: number | null) {
    greeted = true;
    const greeting = greetedAt === null ? {} : { greetedAt };
    await setStatus(memory, { state: "open", lastError: null, retryAt: null, ...greeting });
    log.info(`connected to ${redactEndpoint(memory.settings.endpoint)}`);
  }

  async function handleFrame(
    memory: Memory,
    current: BroadcastSocket,
    text: string | null,
    at: number,
  ) {
    const event: FrameEvent =
      text === null
        ? {
            type: "rejected",
            reason: "invalid-json",
            detail: "binary frame; the protocol sends text frames only",
          }
        : parseFrame(text);

    if (event.type === "rejected") {
      log.warn(
        `reject:${event.reason}`,
        `rejected a frame: ${event.detail}; stored state unchanged`,
      );
      await recordRejection(memory, event.reason, event.detail);
    } else if (event.type === "greeting") {
      await handleGreeting(memory, current, event, at);
    } else if (event.type === "announcement") {
      await handleAnnouncement(memory, event, at);
    }
  }

  async function handleGreeting(
    memory: Memory,
    current: BroadcastSocket,
    greeting: Extract<FrameEvent, { type: "greeting" }>,
    at: number,
  ) {
    if (greeting.errorCode !== 0) {
      const words = greeting.message || `error code ${greeting.errorCode}`;
      log.warn("greeting-error", `the server rejected the session: ${words}; retrying later`);
      await setStatus(memory, {
        state: "error",
        lastError: words,
      });
      current.close(`the server rejected the session: ${words}`);
      return;
    }

    if (greeting.serverTime !== null) {
      memory.clock = addClockSample(
        memory.clock,
        greetingSample(greeting.serverTime, current.openedAt ?? current.startedAt, at),
      ).state;
      await save(memory, "clock");
    }
    const greetedAt = greeting.serverTime ?? serverNow(memory.clock, at);
    await markUp(memory, greetedAt);

    // The service greeting us after an eta means that upgrade is done.
    for (const upgrade of memory.announcements.upgrades) {
      if (upgrade.eta <= greetedAt) {
        memory.announcements = completeUpgrade(memory.announcements, upgrade.id, greetedAt);
        log.info(`upgrade ${upgrade.id} complete`);
      }
    }
    await save(memory, "announcements");
    await update(memory);
  }

  async function handleAnnouncement(
    memory: Memory,
    event: Extract<FrameEvent, { type: "announcement" }>,
    at: number,
  ) {
    // Keyed by field, not value, so a flood of varied bad values logs once a minute.
    for (const warning of event.warnings) {
      log.warn(`tolerated:${warning.field}`, `accepted a broadcast, but ${warning.detail}`);
    }
    if (event.serverTime !== null) {
      const clock = addClockSample(memory.clock, broadcastSample(event.serverTime, at));
      if (!clock.accepted) log.warn("clock-stale", clock.reason);
      // Saved only when the estimate moves, so a flood of broadcasts does not flood storage.
      if (clock.state.offset !== memory.clock.offset) unsaved.add("clock");
      memory.clock = clock.state;
    }
    const wasUp = greeted;
    if (!wasUp) await markUp(memory, null);

    const now = serverNow(memory.clock, at);
    const result = applyAnnouncement(memory.announcements, event.announcement, now);
    const { kind, id } = event.announcement;
    if (result.change === "added" || result.change === "updated") {
      log.info(`${kind} ${id} ${result.change}`);
      memory.announcements = result.state;
      updateSoon("announcements");
      return;
    }
    if (result.change === "expired") log.info(`${kind} ${id} is already over; ignored`);
    if (!wasUp || unsaved.size > 0) {
      updateSoon();
    }
  }

  async function handleClose(memory: Memory, reason: string) {
    socket = null;
    // A server that greets and drops at once must not reset the backoff.
    const stable = openedAt !== null && Date.now() - openedAt >= STABLE_CONNECTION_MS;
    const attempt = stable ? 0 : memory.status.attempt;
    const rejected = memory.status.state === "error";
    const now = serverNow(memory.clock, Date.now());
    const retry = planRetry({
      attempt,
      state: memory.announcements,
      serverNow: now,
      random: Math.random(),
      rejected,
    });
    const seconds = Math.round(retry.delay / 1000);
    const where = redactEndpoint(memory.settings.endpoint);
    if (retry.reason === "backoff")
      log.warn("closed", `${where}: ${reason}; retrying in ${seconds} s`);
    else
      log.info(`${where}: ${reason} during ${retry.reason}, as expected; retrying in ${seconds} s`);

    const retryAt = Date.now() + retry.delay;
    await setStatus(memory, {
      state: rejected ? "error" : "waiting",
      retryAt,
      attempt: attempt + 1,
      lastError: rejected ? memory.status.lastError : `${capitalize(reason)}.`,
    });
    armRetry(retryAt);
    await update(memory);
  }

  function armRetry(retryAt: number) {
    clearTimeout(retryTimer);
    retryTimer = later(() => void run(retryIfDue), retryAt - Date.now());
    // The timer dies with the worker; the alarm wakes a stopped one.
    void scheduleAlarm(ALARM_RECONNECT, retryAt);
  }

  async function retryIfDue(memory: Memory) {
    if (socket !== null) return;
    const { retryAt } = memory.status;
    if (retryAt !== null && retryAt > Date.now() + 1000) {
      armRetry(retryAt);
      return;
    }
    await connect(memory);
  }

  async function ensureConnected(memory: Memory) {
    if (socket !== null && socket.endpoint === memory.settings.endpoint) return;
    const { state, retryAt } = memory.status;
    if ((state === "waiting" || state === "error") && retryAt !== null && retryAt > Date.now()) {
      armRetry(retryAt);
      await update(memory);
      return;
    }
    await connect(memory);
  }

  return {
    ensureConnected: () => run(ensureConnected),
    handleRetryDue: () => run(retryIfDue),
    refresh: () => run(update).then(idle),
    clearDiagnostics: () => run(resetDiagnostics),
    reconnectNow: () =>
      run(async (memory) => {
        const recent = socket && Date.now() - socket.startedAt < DUPLICATE_RECONNECT_MS;
        if (recent && socket?.endpoint === memory.settings.endpoint) return;
        memory.status = { ...memory.status, attempt: 0 };
        await connect(memory);
      }),
    handleSettingsChange: (next, previous) =>
      run(async (memory) => {
        memory.settings = next;
        if (previous !== null && sameEndpoint(previous.endpoint, next.endpoint)) {
          await update(memory);
          return;
        }
        // Announcements from another service mean nothing for this one.
        log.info(
          `endpoint changed to ${redactEndpoint(next.endpoint)}; clearing stored announcements`,
        );
        await emptyServiceState(memory);
        await clearNotices();
        await connect(memory);
      }),
  };
}

function later(callback: () => void, delay: number): ReturnType<typeof setTimeout> {
  return setTimeout(callback, Math.min(MAX_TIMER_MS, Math.max(0, delay)));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
