// Support for the hostile-server browser tests: a WebSocket server whose every
// step can be bent (clock, handshake delay, what it does with a connection),
// and readers of what a user would see: storage, notifications, badge, popup.
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type {
  AnnouncementState,
  ClockState,
  ConnectionStatus,
  Diagnostics,
  Settings,
} from "../core/types";
import { type BroadcastServer, startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------
// A server whose every step can be bent: its clock, the handshake delay, what
// it does with a new connection. Each test starts its own on a free port.

export interface HostileOptions {
  /** Server clock minus local clock. Tests may change it between connections. */
  offsetMs: number;
  /** Delay before the server completes the HTTP upgrade. Infinity never completes it. */
  handshakeDelayMs: number;
  /** Handler of each open socket. The default sends a normal greeting. */
  onConnection: (client: WebSocket, server: HostileServer) => void;
}

export interface HostileServer {
  url: string;
  port: number;
  options: HostileOptions;
  /** Local times at which an upgrade request arrived. */
  attempts: number[];
  /** Local times at which a socket opened. */
  connections: number[];
  /** Text frames received from clients. */
  received: string[];
  now(): number;
  greet(client: WebSocket, extra?: Record<string, unknown>): void;
  send(data: string | Buffer): void;
  broadcast(body: Record<string, unknown>): void;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startHostileServer(
  partial: Partial<HostileOptions> = {},
): Promise<HostileServer> {
  const options: HostileOptions = {
    offsetMs: 0,
    handshakeDelayMs: 0,
    onConnection: (client, server) => server.greet(client),
    ...partial,
  };
  const http: Server = createServer((_request, response) => {
    response.writeHead(426);
    response.end();
  });
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<Socket>();
  http.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const server: HostileServer = {
    url: "",
    port: 0,
    options,
    attempts: [],
    connections: [],
    received: [],
    now: () => Date.now() + options.offsetMs,
    greet(client, extra = {}) {
      const serverTime = new Date(server.now()).toISOString();
      const body = { errorCode: 0, message: "", serverTime, ghostId: "g-1", ...extra };
      client.send(`connectionResponse ${JSON.stringify(body)}`);
    },
    send(data) {
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(data);
    },
    broadcast(body) {
      const serverTime = new Date(server.now()).toISOString();
      server.send(`broadcast ${JSON.stringify({ serverTime, ...body })}`);
    },
    dropAll() {
      for (const client of wss.clients) client.terminate();
    },
    close() {
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => wss.close(() => http.close(() => resolve())));
    },
  };

  http.on("upgrade", (request, socket, head) => {
    server.attempts.push(Date.now());
    if (options.handshakeDelayMs === Infinity) return;
    setTimeout(() => {
      if (socket.destroyed) return;
      wss.handleUpgrade(request, socket, head, (client) => {
        server.connections.push(Date.now());
        client.on("message", (data, isBinary) => {
          if (!isBinary) server.received.push(data.toString());
        });
        client.on("error", () => {});
        options.onConnection(client, server);
      });
    }, options.handshakeDelayMs);
  });

  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  server.port = typeof address === "object" && address ? address.port : 0;
  server.url = `ws://127.0.0.1:${server.port}/`;
  return server;
}

// ---------------------------------------------------------------------------
// Readers of the state that a user can observe.

export type Chrome = {
  action: { getBadgeText(details: object): Promise<string> };
};

export function badgeText(session: ExtensionSession): Promise<string> {
  return session.worker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}),
  );
}

/**
 * Waits until the badge shows `expected`. The worker stores state before it
 * redraws the badge, so a read right after a storage check can be stale.
 */
export async function expectBadge(session: ExtensionSession, expected: string | RegExp) {
  const matches = (text: string) =>
    typeof expected === "string" ? text === expected : expected.test(text);
  const text = await waitFor(`badge ${String(expected)}`, () => badgeText(session), matches);
  expect(text).toMatch(typeof expected === "string" ? new RegExp(`^${expected}$`) : expected);
}

export const readStatus = (session: ExtensionSession) =>
  session.readStorage<ConnectionStatus>("status");
export const readAnnouncements = (session: ExtensionSession) =>
  session.readStorage<AnnouncementState>("announcements");
export const readClock = (session: ExtensionSession) => session.readStorage<ClockState>("clock");
export const readDiagnostics = (session: ExtensionSession) =>
  session.readStorage<Diagnostics>("diagnostics");

export function rejectedTotal(diagnostics: Diagnostics | undefined): number {
  return Object.values(diagnostics?.rejected ?? {}).reduce((sum, n) => sum + n, 0);
}

export async function useEndpoint(
  session: ExtensionSession,
  url: string,
  extra: Partial<Settings> = {},
): Promise<void> {
  await session.setSettings({ endpoint: url, ...extra });
  await waitFor(
    `the worker to greet ${url}`,
    () => readStatus(session),
    (status) => status?.state === "open",
  );
}

export function waitForWindows(session: ExtensionSession, count: number, timeoutMs = 5000) {
  return waitFor(
    `${count} stored window(s)`,
    () => readAnnouncements(session),
    (state) => state?.windows.length === count,
    timeoutMs,
  );
}

export function waitForNotification(session: ExtensionSession, id: string, timeoutMs = 5000) {
  return waitFor(
    `notification ${id}`,
    () => session.getNotificationIds(),
    (ids) => ids.includes(id),
    timeoutMs,
  );
}

export function popupText(page: Page): Promise<string> {
  return page.locator("body").innerText();
}

/** Reads the first "2 d 3 h", "1 h 05 min", "9 min 58 s" or "42 s" after `label` as seconds. */
export function secondsAfter(text: string, label: string): number {
  const at = text.indexOf(label);
  if (at < 0) throw new Error(`"${label}" not found in popup text: ${text}`);
  const rest = text.slice(at + label.length);
  const match = /^\s*(?:(\d+) d\s*)?(?:(\d+) h\s*)?(?:(\d+) min\s*)?(?:(\d+) s)?/.exec(rest);
  if (!match || match[0].trim() === "") throw new Error(`no duration after "${label}": ${rest}`);
  const [, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return d! * 86_400 + h! * 3600 + m! * 60 + s!;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Words that read as a fault to a user who expects the announced downtime. */
export const ALARMING = /error|refused|failed|code 10\d\d/i;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
