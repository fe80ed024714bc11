// One WebSocket to the broadcast service, with a keepalive. It reports what
// happens and decides nothing: the worker chooses when to reconnect.

/** Keepalive interval: Chrome stops an idle MV3 worker after about 30 s. */
export const KEEPALIVE_MS = 20_000;

/** A socket that has received nothing for this long is presumed dead. */
export const SILENCE_LIMIT_MS = 50_000;

/** An opening handshake that takes longer than this is abandoned. */
export const CONNECT_TIMEOUT_MS = 15_000;

export interface SocketEvents {
  onOpen(): void;
  /** `text` is null for a binary frame, which the protocol never uses. */
  onFrame(text: string | null, receivedAt: number): void;
  /** Called once, whatever ended the socket; `reason` is plain words. */
  onClose(reason: string, opened: boolean): void;
}

export interface BroadcastSocket {
  readonly endpoint: string;
  /** Local time the connection attempt began. */
  readonly startedAt: number;
  /** Local time the opening handshake completed; null until then. */
  readonly openedAt: number | null;
  close(reason: string): void;
}

/** Opens a socket to `endpoint` and reports its life through `events`. */
export function openSocket(endpoint: string, events: SocketEvents): BroadcastSocket {
  const startedAt = Date.now();
  let socket: WebSocket;
  try {
    socket = new WebSocket(endpoint);
  } catch (error) {
    // Reported after return, like any other failure, so the caller has the handle.
    const reason = `cannot open a WebSocket to this URL: ${String(error)}`;
    queueMicrotask(() => events.onClose(reason, false));
    return { endpoint, startedAt, openedAt: null, close: () => {} };
  }
  let openedAt: number | null = null;
  let closed = false;
  let lastFrameAt = startedAt;
  let requestId = 0;
  let keepalive: ReturnType<typeof setInterval> | undefined;

  const connectTimer = setTimeout(
    () => finish(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`),
    CONNECT_TIMEOUT_MS,
  );

  function finish(reason: string) {
    if (closed) return;
    closed = true;
    clearTimeout(connectTimer);
    clearInterval(keepalive);
    try {
      socket.close(1000);
    } catch {
      // The socket may already be closing; nothing is left to release.
    }
    events.onClose(reason, openedAt !== null);
  }

  function sendKeepalive() {
    if (Date.now() - lastFrameAt > SILENCE_LIMIT_MS) {
      finish(`the server sent nothing for ${SILENCE_LIMIT_MS / 1000} s`);
      return;
    }
    requestId++;
    socket.send(`noop ${JSON.stringify({ reqId: requestId })}`);
  }

  socket.addEventListener("open", () => {
    if (closed) return;
    openedAt = Date.now();
    clearTimeout(connectTimer);
    keepalive = setInterval(sendKeepalive, KEEPALIVE_MS);
    events.onOpen();
  });
  socket.addEventListener("message", (event: MessageEvent) => {
    if (closed) return;
    lastFrameAt = Date.now();
    events.onFrame(typeof event.data === "string" ? event.data : null, lastFrameAt);
  });
  socket.addEventListener("close", (event: CloseEvent) => {
    finish(describeClose(event, openedAt !== null));
  });

  return {
    endpoint,
    startedAt,
    get openedAt() {
      return openedAt;
    },
    close: finish,
  };
}

function describeClose(event: CloseEvent, opened: boolean): string {
  const detail = event.reason ? `: ${event.reason.slice(0, 120)}` : "";
  if (!opened) return `connection failed or was refused (code ${event.code}${detail})`;
  return `connection closed (code ${event.code}${detail})`;
}
