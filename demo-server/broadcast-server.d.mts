/** Options of `startBroadcastServer`. */
export interface BroadcastServerOptions {
  /** TCP port; default 0, which picks a free port. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Server clock minus the local clock, in ms; default 0. */
  offsetMs?: number;
  /** Receives one line per event; default discards them. */
  log?: (message: string) => void;
}

/** One frame a client sent, as the server received it. */
export interface ReceivedFrame {
  /** Local time of receipt in ms since the epoch. */
  at: number;
  text: string;
  /** Null when the frame was binary or not `<name> <JSON object>`. */
  name: string | null;
  body: Record<string, unknown> | null;
}

export interface BroadcastServer {
  /** `ws://host:port/` */
  readonly url: string;
  readonly port: number;
  /** Every frame received from any client, oldest first. */
  readonly received: ReceivedFrame[];
  /** Clients connected now. */
  readonly clientCount: number;
  /** Connections accepted since the server started. */
  readonly connections: number;
  /** Server clock in ms: `Date.now()` plus the offset. */
  now(): number;
  /**
   * Sends `broadcast <body>` to every client, with `serverTime` added unless
   * the body has one. A maintenance window stays active until its `ending`,
   * an upgrade until its `eta`, and active ones are replayed to each new
   * client after the greeting.
   */
  broadcast(body: Record<string, unknown>): void;
  /** Sends one text frame, unchanged, to every client. */
  sendRaw(text: string): void;
  /** Terminates every client socket without a close handshake. */
  dropAll(): void;
  /** While false, WebSocket upgrades get HTTP 503. */
  setAccepting(accepting: boolean): void;
  /** Forgets every active announcement, so none is replayed. */
  clearAnnouncements(): void;
  /** Terminates every client and stops listening. */
  close(): Promise<void>;
}

export function startBroadcastServer(options?: BroadcastServerOptions): Promise<BroadcastServer>;
