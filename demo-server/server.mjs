#!/usr/bin/env node
// Command line entry of the demo broadcast server. Run with --help for options.
import { parseArgs } from "node:util";
import { startBroadcastServer } from "./broadcast-server.mjs";
import { runDemoScenario } from "./scenario.mjs";

const USAGE = `Usage: node demo-server/server.mjs [options]

  --port N         TCP port to listen on (default 8787; 0 picks a free port)
  --offset-ms N    server clock minus local clock, in ms (default 0)
  --scenario NAME  demo: announce maintenance and upgrades in a loop (default)
                   idle: only greet and answer commands
  --help           print this help`;

/** Prints one line with the server's prefix. */
function log(message) {
  console.log(`[demo-server] ${new Date().toISOString()} ${message}`);
}

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "8787" },
      "offset-ms": { type: "string", default: "0" },
      scenario: { type: "string", default: "demo" },
      help: { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  const offsetMs = Number(values["offset-ms"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port ${values.port} is invalid: use an integer from 0 to 65535`);
  }
  if (!Number.isFinite(offsetMs)) {
    throw new Error(`--offset-ms ${values["offset-ms"]} is invalid: use a number of ms`);
  }
  if (values.scenario !== "demo" && values.scenario !== "idle") {
    throw new Error(`--scenario ${values.scenario} is unknown: use demo or idle`);
  }
  return { port, offsetMs, scenario: values.scenario, help: values.help };
}

async function main() {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`[demo-server] ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const server = await startBroadcastServer({ ...options, log });
  const stop = new AbortController();
  const scenario =
    options.scenario === "demo" ? runDemoScenario(server, { signal: stop.signal, log }) : null;

  const shutdown = async (signal) => {
    log(`received ${signal}; stopping`);
    stop.abort();
    await scenario;
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(`[demo-server] failed to start: ${error.message}`);
  process.exit(1);
});
