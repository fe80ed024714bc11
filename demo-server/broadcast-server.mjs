// A programmable broadcast server for the demo and the browser tests. It
// greets each connection, replies to commands, and replays every announcement
// that is still active to each new client right after the greeting.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { activeUntil, announcementKey, formatFrame, parseFrame, toIso } from "./frames.mjs";

/** How long a greeting's session stays valid, in ms. */
const SESSION_MS = 60 * 60_000;

/**
 * Starts a broadcast server and resolves once it listens.
 * @param {import("./broadcast-server.d.mts").BroadcastServerOptions} [options]
 * @returns {Promise<import("./broadcast-server.d.mts").BroadcastServer>}
 */
export async function startBroadcastServer(options = {}) {
  const { port = 0, host = "127.0.0.1", offsetMs = 0, log = () => {} } = options;
  const http = createServer((_request, response) => {
    response.writeHead(426, { "content-type": "text/plain" });
    response.end("This is a WebSocket endpoint.\n");
  });
  const wss = new WebSocketServer({ noServer: true });
  /** @type {Map<string, { body: Record<string, unknown>, until: number }>} */
  const active = new Map();
  /** @type {import("./broadcast-server.d.mts").ReceivedFrame[]} */
  const received = [];
  let accepting = true;
  let connections = 0;

  const now = () => Date.now() + offsetMs;

  http.on("upgrade", (request, socket, head) => {
    if (!accepting) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
      log(`rejected a connection: not accepting connections`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (client) => wss.emit("connection", client));
  });

  wss.on("connection", (client) => {
    connections++;
    log(`client connected (${wss.clients.size} open)`);
    greet(client);
    for (const body of activeBodies()) client.send(broadcastFrame(body));
    client.on("message", (data, isBinary) => handleMessage(client, data, isBinary));
    client.on("close", () => log(`client disconnected (${wss.clients.size} open)`));
    client.on("error", (error) => log(`client socket failed: ${error.message}`));
  });

  function greet(client) {
    const serverTime = now();
    const greeting = {
      errorCode: 0,
      message: "",
      serverTime: toIso(serverTime),
      ghostId: randomUUID(),
      expiry: toIso(serverTime + SESSION_MS),
    };
    client.send(formatFrame("connectionResponse", greeting));
  }

  function handleMessage(client, data, isBinary) {
    const text = isBinary ? null : data.toString();
    const frame = text === null ? null : parseFrame(text);
    received.push({
      at: Date.now(),
      text: text ?? "",
      name: frame?.name ?? null,
      body: frame?.body ?? null,
    });
    if (frame === null) {
      log(`ignored a client frame that is not "<name> <JSON object>"`);
      return;
    }
    const reply = replyTo(frame);
    if (reply !== null) client.send(reply);
  }

  function activeBodies() {
    const current = now();
    for (const [key, entry] of active) if (entry.until <= current) active.delete(key);
    return [...active.values()].map((entry) => entry.body);
  }

  function broadcastFrame(body) {
    return formatFrame("broadcast", { serverTime: toIso(now()), ...body });
  }

  function sendToAll(text) {
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  }

  await listen(http, port, host);
  const address = /** @type {import("node:net").AddressInfo} */ (http.address());
  const url = `ws://${host}:${address.port}/`;
  log(`listening on ${url} with a clock offset of ${offsetMs} ms`);

  return {
    url,
    port: address.port,
    received,
    now,
    get clientCount() {
      return wss.clients.size;
    },
    get connections() {
      return connections;
    },
    broadcast(body) {
      const until = activeUntil(body);
      if (until !== null && until > now()) active.set(announcementKey(body), { body, until });
      sendToAll(broadcastFrame(body));
      log(`broadcast ${String(body.kind)} to ${wss.clients.size} client(s)`);
    },
    sendRaw(text) {
      sendToAll(text);
    },
    dropAll() {
      for (const client of wss.clients) client.terminate();
      log("dropped all connections");
    },
    setAccepting(value) {
      if (accepting === value) return;
      accepting = value;
      log(value ? "accepting connections again" : "rejecting new connections");
    },
    clearAnnouncements() {
      active.clear();
    },
    close: () => closeServer(http, wss, log),
  };
}

/**
 * Returns the reply to a client frame, or null when none is due.
 * @param {{ name: string, body: Record<string, unknown> }} frame
 * @returns {string | null}
 */
function replyTo({ name, body }) {
  const { reqId } = body;
  if (reqId === undefined) return null;
  if (name === "noop") return formatFrame("noopResponse", { reqId });
  return formatFrame(`${name}Response`, { reqId, errorCode: 0 });
}

function listen(http, port, host) {
  return new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
}

function closeServer(http, wss, log) {
  for (const client of wss.clients) client.terminate();
  return new Promise((resolve) => {
    wss.close(() => {
      http.closeAllConnections();
      http.close(() => {
        log("closed");
        resolve();
      });
    });
  });
}
