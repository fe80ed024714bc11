#!/usr/bin/env node
// `npm start`: builds the extension against the demo server, runs that server's
// demo scenario and opens Chromium with the extension. Headless (no DISPLAY),
// it saves screenshots of the popup to artifacts/popup.png.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { runDemoScenario } from "../demo-server/scenario.mjs";
import { CHROMIUM_PATH, launchWithExtension } from "../e2e/chromium.mjs";
import { run } from "./run-command.mjs";

const USAGE = `Usage: npm start -- [options]

  --port N         port of the demo server (default 8787)
  --offset-ms N    run the demo server's clock N ms ahead of this machine's
                   (behind: --offset-ms=-N), to watch the popup correct for it
  --once           headless only: exit after the first screenshot
  --help           print this help`;

const SCREENSHOT_PATH = resolve("artifacts", "popup.png");
const DEMO_BUILD_DIR = resolve(".output", "chrome-mv3-demo");
const POPUP_VIEWPORT = { width: 380, height: 600 };
const SCREENSHOT_INTERVAL_MS = 30_000;
/** The demo announces maintenance about 20 s after it starts, so this leaves slack. */
const ANNOUNCEMENT_TIMEOUT_MS = 90_000;

const log = (message) => console.log(`[start] ${message}`);
const serverLog = (message) => console.log(`[demo-server] ${message}`);

function readOptions() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      "offset-ms": { type: "string", default: "0" },
      once: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--port ${values.port} is invalid: use an integer from 1 to 65535`);
  }
  const offsetMs = Number(values["offset-ms"]);
  if (!Number.isInteger(offsetMs) || Math.abs(offsetMs) > 7 * 24 * 3_600_000) {
    throw new Error(
      `--offset-ms ${values["offset-ms"]} is invalid: use an integer number of ms within a week`,
    );
  }
  return { port, offsetMs, once: values.once, help: values.help };
}

/**
 * Installs Debian's Chromium when it is missing and this process is root on a
 * machine with apt-get; otherwise explains how to install it.
 */
async function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Install it (Debian: \`sudo apt-get install -y chromium\`) and run npm start again.`,
    );
  }
  log(`Chromium is missing at ${CHROMIUM_PATH}; installing Debian's chromium package`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await run("apt-get", ["update"], env);
  await run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], env);
}

/**
 * Builds the extension with the demo server baked in as the default endpoint.
 * Mode "demo" writes it to its own folder, so the plain build that the tests
 * and "Load unpacked" use keeps an empty endpoint.
 */
function buildExtension(endpoint) {
  log(`building the extension into ${DEMO_BUILD_DIR} with default endpoint ${endpoint}`);
  const env = { ...process.env, BA_DEFAULT_ENDPOINT: endpoint };
  return run("npx", ["wxt", "build", "--mode", "demo"], env);
}

/** Keeps a handle on the newest worker, since Chrome may restart it. */
function trackWorker(browser) {
  let worker = browser.worker;
  browser.context.on("serviceworker", (next) => {
    if (next.url().startsWith(`chrome-extension://${browser.extensionId}/`)) worker = next;
  });
  return () => worker;
}

async function openPopup(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  return page;
}

async function waitForAnnouncement(getWorker, signal) {
  log("waiting for the first maintenance announcement (about 20 s)");
  const deadline = Date.now() + ANNOUNCEMENT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const windows = await getWorker()
      .evaluate(async () => (await chrome.storage.local.get("announcements")).announcements)
      .then((state) => state?.windows ?? [])
      .catch(() => []);
    if (windows.length > 0) return;
    await sleep(1000, undefined, { signal });
  }
  throw new Error(
    `no announcement reached the extension within ${ANNOUNCEMENT_TIMEOUT_MS / 1000} s`,
  );
}

async function saveScreenshot(page) {
  await mkdir(resolve("artifacts"), { recursive: true });
  await page.screenshot({ path: SCREENSHOT_PATH });
  log(`screenshot saved to ${SCREENSHOT_PATH}`);
}

/** Prints the worker's log lines, which name each notification as it is raised. */
function forwardWorkerLog(browser) {
  const forward = (worker) => worker.on("console", (message) => log(`worker: ${message.text()}`));
  forward(browser.worker);
  browser.context.on("serviceworker", (worker) => {
    if (worker.url().startsWith(`chrome-extension://${browser.extensionId}/`)) forward(worker);
  });
}

async function refreshScreenshots(page, signal) {
  while (!signal.aborted) {
    await sleep(SCREENSHOT_INTERVAL_MS, undefined, { signal }).catch(() => {});
    if (!signal.aborted) await saveScreenshot(page).catch((error) => log(error.message));
  }
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`[start] ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const stop = new AbortController();
  const cleanup = [];
  const shutdown = async (code) => {
    stop.abort();
    for (const step of cleanup.reverse()) await step().catch((error) => log(error.message));
    process.exit(code);
  };
  process.once("SIGINT", () => {
    log("stopping");
    void shutdown(0);
  });
  process.once("SIGTERM", () => void shutdown(0));

  try {
    await ensureChromium();
    const server = await startBroadcastServer({
      port: options.port,
      offsetMs: options.offsetMs,
      log: serverLog,
    });
    cleanup.push(() => server.close());
    await buildExtension(server.url);

    const headless = !process.env.DISPLAY;
    log(`launching Chromium ${headless ? "headless" : "in a window"}`);
    const browser = await launchWithExtension({
      extensionDir: DEMO_BUILD_DIR,
      headless,
      viewport: headless ? POPUP_VIEWPORT : null,
      handleSignals: false,
    });
    cleanup.push(() => browser.close());
    browser.context.on("close", () => {
      if (stop.signal.aborted) return;
      log("the browser was closed; stopping");
      void shutdown(0);
    });
    const getWorker = trackWorker(browser);
    log(`extension ${browser.extensionId} loaded`);

    const scenario = runDemoScenario(server, { signal: stop.signal, log: serverLog });
    cleanup.push(() => scenario);
    forwardWorkerLog(browser);

    if (!headless) {
      await openPopup(browser);
      log("popup opened in a tab; press Ctrl-C to stop");
      return;
    }

    await waitForAnnouncement(getWorker, stop.signal);
    const page = await openPopup(browser);
    await page.getByText("maintenance").first().waitFor({ timeout: 10_000 });
    await saveScreenshot(page);
    if (options.once) {
      await shutdown(0);
      return;
    }
    log(`refreshing the screenshot every ${SCREENSHOT_INTERVAL_MS / 1000} s; press Ctrl-C to stop`);
    void refreshScreenshots(page, stop.signal);
  } catch (error) {
    if (stop.signal.aborted) return;
    console.error(`[start] ${error.message}`);
    if (error.code === "EADDRINUSE") console.error(`[start] pick another port with --port N`);
    await shutdown(1);
  }
}

main();
