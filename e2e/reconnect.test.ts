import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionStatus } from "../core/types";
import { type BroadcastServer, startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { type ExtensionSession, hasChromium, launchExtension, waitFor } from "./harness";

/**
 * The first retries wait 0.5-1 s, 1-2 s and 2-4 s. A reconnect within this
 * many ms fits that backoff, with slack for a slow machine.
 */
const RECONNECT_LIMIT_MS = 6000;

describe.skipIf(!hasChromium())("reconnect", () => {
  let session: ExtensionSession;
  const servers: BroadcastServer[] = [];

  beforeAll(async () => {
    session = await launchExtension();
  });

  afterAll(async () => {
    await session?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  async function startServer(port = 0) {
    const server = await startBroadcastServer({ port });
    servers.push(server);
    return server;
  }

  function waitForState(state: ConnectionStatus["state"], timeoutMs?: number) {
    return waitFor(
      `connection state ${state}`,
      () => session.readStorage<ConnectionStatus>("status"),
      (status) => status?.state === state,
      timeoutMs,
    );
  }

  it("server restart brings the worker back", async () => {
    const first = await startServer();
    await session.setSettings({ endpoint: first.url });
    await waitForState("open");

    await first.close();
    await waitForState("waiting");
    const restartedAt = Date.now();
    const second = await startServer(first.port);

    await waitFor(
      "a connection to the restarted server",
      () => second.connections,
      (count) => count > 0,
      RECONNECT_LIMIT_MS,
    );
    await waitForState("open", RECONNECT_LIMIT_MS);
    expect(Date.now() - restartedAt).toBeLessThan(RECONNECT_LIMIT_MS);
  });

  it("rejected attempts are retried", async () => {
    const server = await startServer();
    await session.setSettings({ endpoint: server.url });
    await waitForState("open");

    server.setAccepting(false);
    server.dropAll();
    await waitForState("waiting");
    const before = server.connections;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    server.setAccepting(true);
    const acceptedAt = Date.now();

    await waitForState("open", RECONNECT_LIMIT_MS * 2);
    expect(server.connections).toBe(before + 1);
    expect(Date.now() - acceptedAt).toBeLessThan(RECONNECT_LIMIT_MS * 2);
  });
});
