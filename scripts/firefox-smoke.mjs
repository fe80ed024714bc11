#!/usr/bin/env node
// Smoke test of the Firefox build in a real, headless Firefox.
//
// It starts the demo broadcast server on a free local port and builds the
// Firefox extension with that server as its default endpoint. It installs the
// build as a temporary add-on through WebDriver BiDi and announces a
// maintenance window. Then it checks what a user would get: a connection with
// keepalive traffic, the window in extension storage, the toolbar badge, a
// desktop notification, and a popup that renders. Any error that an extension
// page prints fails the run.
//
// Needs: Firefox with WebDriver BiDi's webExtension.install and the
// --remote-allow-system-access flag, tested with Debian's firefox-esr 153
// (`apt-get install -y firefox-esr`). From npm it uses only the project's own
// dev dependencies: `ws` for the BiDi socket and `wxt` to build.
//
// Usage: node scripts/firefox-smoke.mjs [--firefox PATH] [--skip-build] [--keep-profile]
// It writes the popup screenshot and Firefox's output to artifacts/firefox-smoke/.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { startBroadcastServer } from "../demo-server/broadcast-server.mjs";
import { toIso } from "../demo-server/frames.mjs";
import { run } from "./run-command.mjs";

const ADDON_ID = "broadcast-alerts@example.org";
const BUILD_MODE = "firefox-smoke";
const BUILD_DIR = resolve(".output", `firefox-mv2-${BUILD_MODE}`);
const ARTIFACTS_DIR = resolve("artifacts", "firefox-smoke");
const POPUP_VIEWPORT = { width: 380, height: 600 };
/** The announced window starts this far ahead, so the badge shows a countdown. */
const WINDOW_LEAD_MS = 10 * 60_000;
const WINDOW_LENGTH_MS = 30 * 60_000;
const MAINTENANCE_MESSAGE = "Firefox smoke test: database maintenance.";
/** The worker sends a keepalive 20 s after the socket opens, so wait a bit longer. */
const KEEPALIVE_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 20_000;

/**
 * Preferences for a browser that contacts nothing but 127.0.0.1. All traffic
 * other than to localhost goes to a proxy on a closed local port, so it fails
 * at once.
 */
const OFFLINE_PREFS = {
  "app.normandy.enabled": false,
  "app.shield.optoutstudies.enabled": false,
  "app.update.auto": false,
  "app.update.disabledForTesting": true,
  "app.update.enabled": false,
  "browser.discovery.enabled": false,
  "browser.newtabpage.activity-stream.feeds.section.topstories": false,
  "browser.newtabpage.activity-stream.feeds.telemetry": false,
  "browser.newtabpage.activity-stream.telemetry": false,
  "browser.newtabpage.enabled": false,
  "browser.ping-centre.telemetry": false,
  "browser.region.network.url": "",
  "browser.region.update.enabled": false,
  "browser.safebrowsing.blockedURIs.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "browser.safebrowsing.downloads.remote.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.provider.mozilla.updateURL": "",
  "browser.search.geoip.url": "",
  "browser.search.update": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage": "about:blank",
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.startup.page": 0,
  "datareporting.healthreport.uploadEnabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "dom.push.connection.enabled": false,
  "dom.push.serverURL": "",
  "extensions.blocklist.enabled": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.systemAddon.update.enabled": false,
  "extensions.update.autoUpdateDefault": false,
  "extensions.update.enabled": false,
  "geo.provider.network.url": "",
  "identity.fxaccounts.enabled": false,
  "media.gmp-gmpopenh264.enabled": false,
  "media.gmp-manager.url": "",
  "nimbus.rollouts.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.http.speculative-parallel-limit": 0,
  "network.prefetch-next": false,
  "network.proxy.type": 1,
  "network.proxy.http": "127.0.0.1",
  "network.proxy.http_port": 9,
  "network.proxy.share_proxy_settings": true,
  "network.proxy.socks_remote_dns": true,
  "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
  "network.trr.mode": 5,
  "services.settings.server": "http://127.0.0.1:9/v1",
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.server": "",
  "toolkit.telemetry.unified": false,
  "toolkit.telemetry.archive.enabled": false,
  // With the system backend, headless firefox-esr 153 on a machine without a
  // notification daemon closed each notification unshown. Its own window shows them.
  "alerts.useSystemBackend": false,
  // Extension pages' console output and uncaught errors go to stdout, where this script reads them.
  "devtools.console.stdout.chrome": true,
  "devtools.console.stdout.content": true,
  "browser.dom.window.dump.enabled": true,
};

const USAGE = `Usage: node scripts/firefox-smoke.mjs [options]

  --firefox PATH   Firefox binary (default $FIREFOX, else /usr/bin/firefox-esr)
  --skip-build     use the build already in ${BUILD_DIR}
                   (it must point at the port given with --port)
  --port N         port of the broadcast server (default 0: a free port)
  --keep-profile   keep the temporary Firefox profile and print its path
  --help           print this help`;

const log = (message) => console.log(`[firefox-smoke] ${message}`);

function readOptions() {
  const { values } = parseArgs({
    options: {
      firefox: { type: "string", default: process.env.FIREFOX ?? "/usr/bin/firefox-esr" },
      "skip-build": { type: "boolean", default: false },
      port: { type: "string", default: "0" },
      "keep-profile": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port ${values.port} is invalid: use an integer from 0 to 65535`);
  }
  if (values["skip-build"] && port === 0) {
    throw new Error("--skip-build needs --port: the build has the server's port baked in");
  }
  return {
    firefox: values.firefox,
    skipBuild: values["skip-build"],
    port,
    keepProfile: values["keep-profile"],
    help: values.help,
  };
}

/** Polls `probe` until it returns a truthy value, or throws after `timeoutMs` naming `description`. */
async function waitFor(description, probe, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  const cause = lastError ? ` (last error: ${lastError.message})` : "";
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}${cause}`);
}

/** Writes a fresh profile whose user.js keeps Firefox offline and fixes the add-on's UUID. */
async function makeProfile(extensionUuid) {
  const dir = await mkdtemp(join(tmpdir(), "broadcast-alerts-firefox-"));
  const prefs = {
    ...OFFLINE_PREFS,
    // A known UUID gives a known moz-extension:// origin for the popup tab.
    "extensions.webextensions.uuids": JSON.stringify({ [ADDON_ID]: extensionUuid }),
  };
  const lines = Object.entries(prefs).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  await writeFile(join(dir, "user.js"), `${lines.join("\n")}\n`);
  return dir;
}

/**
 * Starts headless Firefox with WebDriver BiDi on a free port. Its output is
 * kept in `output` (an array of text chunks) for the error checks.
 */
async function launchFirefox(binary, profileDir, output) {
  if (!existsSync(binary)) {
    throw new Error(`no Firefox at ${binary}: install it (Debian: apt-get install -y firefox-esr)`);
  }
  const child = spawn(
    binary,
    [
      "-headless",
      "-no-remote",
      "-profile",
      profileDir,
      "--remote-debugging-port=0",
      // Lets BiDi reach the browser window, the only way to open a moz-extension:// tab.
      "--remote-allow-system-access",
      "about:blank",
    ],
    { env: { ...process.env, MOZ_HEADLESS: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise((resolvePromise) => child.once("exit", resolvePromise));
  const started = new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error("Firefox did not start BiDi in 30 s")), 30_000);
    const onData = (chunk) => {
      output.push(chunk.toString());
      // The line may arrive split over two chunks, so the whole output is searched.
      const match = output.join("").match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`Firefox exited with code ${code} at start`)));
  });
  const bidiUrl = await started.catch((error) => {
    child.kill("SIGKILL");
    throw error;
  });
  return { child, exited, bidiUrl };
}

/** Connects a minimal WebDriver BiDi client that sends commands and reads their replies. */
async function connectBidi(url) {
  const socket = new WebSocket(`${url}/session`);
  await new Promise((resolvePromise, reject) => {
    socket.once("open", resolvePromise);
    socket.once("error", reject);
  });
  let nextId = 0;
  const pending = new Map();
  socket.on("message", (data) => {
    const message = JSON.parse(data.toString());
    const reply = pending.get(message.id);
    if (!reply) return;
    pending.delete(message.id);
    if (message.type === "error") {
      reply.reject(new Error(`${reply.method}: ${message.error}: ${message.message}`));
    } else reply.resolve(message.result);
  });
  socket.on("close", () => {
    for (const reply of pending.values()) reply.reject(new Error(`${reply.method}: BiDi closed`));
    pending.clear();
  });
  const send = (method, params = {}) =>
    new Promise((resolvePromise, reject) => {
      const id = ++nextId;
      pending.set(id, { method, resolve: resolvePromise, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/**
 * Evaluates `body` (the body of an async function) in a browsing context and
 * returns its result, passed through JSON.
 */
async function evaluate(bidi, context, body) {
  const result = await bidi.send("script.evaluate", {
    target: { context },
    awaitPromise: true,
    expression: `(async () => JSON.stringify(await (async () => { ${body} })()))()`,
  });
  if (result.type === "exception") {
    throw new Error(`script failed in ${context}: ${result.exceptionDetails.text}`);
  }
  return JSON.parse(result.result.value ?? "null");
}

/** Opens an extension page in a new tab through the browser window and returns its context. */
async function openExtensionTab(bidi, url) {
  const chrome = await bidi.send("browsingContext.getTree", { "moz:scope": "chrome" });
  const browserWindow = chrome.contexts.find((context) => context.url.endsWith("browser.xhtml"));
  if (!browserWindow) throw new Error("found no browser window to open a tab in");
  // BiDi rejects navigating a tab to moz-extension://, so the window opens it.
  await bidi.send("script.evaluate", {
    target: { context: browserWindow.context },
    awaitPromise: false,
    expression: `gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, {
      triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
    }); true`,
  });
  const tab = await waitFor(`a tab with ${url}`, async () => {
    const tree = await bidi.send("browsingContext.getTree", {});
    return tree.contexts.find((context) => context.url === url);
  });
  await waitFor(`${url} to load`, () =>
    evaluate(bidi, tab.context, `return document.readyState === "complete";`),
  );
  return tab.context;
}

/** Reads the extension state visible from the popup tab: storage, badge, notifications and page text. */
function readExtensionState(bidi, context) {
  return evaluate(
    bidi,
    context,
    `const action = browser.browserAction;
    return {
      storage: await browser.storage.local.get(null),
      hasMv3Action: browser.action !== undefined,
      badgeText: await action.getBadgeText({}),
      badgeTitle: await action.getTitle({}),
      shownNow: await browser.notifications.getAll(),
      notificationEvents: window.__smokeNotificationEvents ?? [],
      text: document.body.innerText,
    };`,
  );
}

/** Records notification events in the popup tab, which receives them like every extension page. */
function listenForNotifications(bidi, context) {
  return evaluate(
    bidi,
    context,
    `window.__smokeNotificationEvents = [];
    const record = (type) => (id) => window.__smokeNotificationEvents.push({ type, id });
    browser.notifications.onShown.addListener(record("shown"));
    browser.notifications.onClosed.addListener(record("closed"));
    return true;`,
  );
}

/**
 * Picks the lines of Firefox's output that come from this extension's pages,
 * with the indented lines (stacks, details) that follow each.
 */
function extensionMessages(output, extensionUuid) {
  const lines = output.join("").split("\n");
  const messages = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fromExtension =
      line.includes(`moz-extension://${extensionUuid}/`) || line.includes("[broadcast-alerts]");
    if (!fromExtension || /^\s/.test(line)) continue;
    const block = [line];
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1])) block.push(lines[++i]);
    messages.push(block.join("\n"));
  }
  return messages;
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`[firefox-smoke] ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const startedAt = Date.now();
  const checks = [];
  const pass = (description) => {
    checks.push({ ok: true, description });
    log(`PASS ${description}`);
  };
  const cleanup = [];
  const output = [];
  const extensionUuid = randomUUID();
  let failure = null;

  try {
    const server = await startBroadcastServer({
      port: options.port,
      log: (message) => log(`server: ${message}`),
    });
    cleanup.push(() => server.close());

    if (!options.skipBuild) {
      log(`building the Firefox extension into ${BUILD_DIR} for ${server.url}`);
      const env = { ...process.env, BA_DEFAULT_ENDPOINT: server.url };
      await run("npx", ["wxt", "build", "-b", "firefox", "--mode", BUILD_MODE], env);
    }
    if (!existsSync(join(BUILD_DIR, "manifest.json"))) {
      throw new Error(`no build in ${BUILD_DIR}: run without --skip-build`);
    }

    const profileDir = await makeProfile(extensionUuid);
    cleanup.push(() =>
      options.keepProfile
        ? Promise.resolve(log(`profile kept at ${profileDir}`))
        : rm(profileDir, { recursive: true, force: true }),
    );
    log(`launching ${options.firefox} headless`);
    const firefox = await launchFirefox(options.firefox, profileDir, output);
    cleanup.push(async () => {
      // A clean shutdown through BiDi is tried first; the kill is the fallback.
      const timedOut = await Promise.race([
        firefox.exited.then(() => false),
        sleep(10_000, true, { ref: false }),
      ]);
      if (timedOut) firefox.child.kill("SIGKILL");
    });
    const bidi = await connectBidi(firefox.bidiUrl);
    cleanup.push(async () => {
      await bidi.send("browser.close").catch(() => {});
      bidi.close();
    });
    const session = await bidi.send("session.new", { capabilities: {} });
    log(`${session.capabilities.browserName} ${session.capabilities.browserVersion} is up`);

    const installed = await bidi.send("webExtension.install", {
      extensionData: { type: "path", path: BUILD_DIR },
    });
    if (installed.extension !== ADDON_ID) {
      throw new Error(`installed add-on is ${installed.extension}, expected ${ADDON_ID}`);
    }
    pass(`temporary add-on ${ADDON_ID} installed from ${BUILD_DIR}`);

    await waitFor("the background page to connect to the server", () => server.clientCount > 0);
    const connectedAt = Date.now();
    pass(`background page connected to ${server.url} (${server.connections} connection(s))`);

    const popupUrl = `moz-extension://${extensionUuid}/popup.html`;
    const popup = await openExtensionTab(bidi, popupUrl);
    await bidi.send("browsingContext.setViewport", { context: popup, viewport: POPUP_VIEWPORT });
    await listenForNotifications(bidi, popup);

    await waitFor("the connection status to become open", async () => {
      const state = await readExtensionState(bidi, popup);
      return state.storage.status?.state === "open";
    });
    pass('worker stored connection status "open" after the greeting');

    const starting = server.now() + WINDOW_LEAD_MS;
    server.broadcast({
      kind: "maintenance",
      starting: toIso(starting),
      ending: toIso(starting + WINDOW_LENGTH_MS),
      message: MAINTENANCE_MESSAGE,
    });

    const stored = await waitFor("the maintenance window in extension storage", async () => {
      const state = await readExtensionState(bidi, popup);
      const windows = state.storage.announcements?.windows ?? [];
      return windows.find((window) => window.message === MAINTENANCE_MESSAGE) ? state : null;
    });
    const window = stored.storage.announcements.windows.find(
      (item) => item.message === MAINTENANCE_MESSAGE,
    );
    pass(`window ${window.id} stored in storage.local "announcements"`);

    const badged = await waitFor("a countdown on the toolbar badge", async () => {
      const state = await readExtensionState(bidi, popup);
      return /^\d+[mhd]$/.test(state.badgeText) ? state : null;
    });
    pass(`badge text "${badged.badgeText}", title "${badged.badgeTitle}"`);
    if (badged.hasMv3Action) log("note: browser.action exists in this MV2 build");

    const noticeId = `ba:${window.id}:announced`;
    const notified = await waitFor(`notification ${noticeId} to be shown`, async () => {
      const state = await readExtensionState(bidi, popup);
      const events = state.notificationEvents.filter((event) => event.id === noticeId);
      if (events.some((event) => event.type === "shown")) return state;
      if (events.some((event) => event.type === "closed")) {
        throw new Error(`Firefox closed notification ${noticeId} without showing it`);
      }
      return null;
    });
    const shownNow = notified.shownNow[noticeId];
    pass(
      `notification ${noticeId} shown: "${shownNow?.title}" / ${JSON.stringify(shownNow?.message)}`,
    );

    log("waiting for the worker's keepalive (sent 20 s after connecting)");
    await waitFor(
      "a noop keepalive from the worker",
      () => server.received.some((frame) => frame.name === "noop"),
      Math.max(1000, KEEPALIVE_TIMEOUT_MS - (Date.now() - connectedAt)),
    );
    const noops = server.received.filter((frame) => frame.name === "noop");
    pass(`server received ${noops.length} keepalive frame(s), first: ${noops[0].text}`);

    // A fresh load shows the popup as a user would see it on opening it.
    await bidi.send("browsingContext.reload", { context: popup, wait: "complete" });
    const rendered = await waitFor("the popup to show the window", async () => {
      const state = await readExtensionState(bidi, popup);
      return state.text.includes(MAINTENANCE_MESSAGE) ? state : null;
    });
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    const shot = await bidi.send("browsingContext.captureScreenshot", { context: popup });
    const shotPath = join(ARTIFACTS_DIR, "popup.png");
    await writeFile(shotPath, Buffer.from(shot.data, "base64"));
    log(`popup text:\n${rendered.text.replace(/^/gm, "    ")}`);
    pass(`popup rendered the window; screenshot at ${shotPath}`);

    // The extension's pages print to Firefox's output, and any error there fails the run.
    const messages = extensionMessages(output, extensionUuid);
    if (!messages.some((message) => message.includes("[broadcast-alerts] worker started"))) {
      throw new Error("the background page's console output was not captured");
    }
    const errors = messages.filter((message) => /^(JavaScript error|console\.error)/.test(message));
    for (const message of messages) log(`extension console: ${message}`);
    // An error raised inside a built-in function has no source file, so it may
    // come from Firefox itself. It is printed but does not fail the run.
    for (const line of output.join("").split("\n")) {
      if (line.startsWith("JavaScript error: , line 0:")) log(`unattributed error: ${line}`);
    }
    if (errors.length > 0) {
      throw new Error(`extension pages reported ${errors.length} error(s):\n${errors.join("\n")}`);
    }
    pass("no errors in the extension pages' console output");
  } catch (error) {
    failure = error;
  }

  for (const step of cleanup.reverse()) {
    await step().catch((error) => log(`cleanup: ${error.message}`));
  }
  if (output.length > 0) {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await writeFile(join(ARTIFACTS_DIR, "firefox-output.log"), output.join(""));
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  if (failure) {
    log(`FAIL ${failure.message}`);
    log(`${checks.length} passed, 1 failed in ${seconds} s`);
    process.exit(1);
  }
  log(`${checks.length} passed, 0 failed in ${seconds} s`);
}

main().catch((error) => {
  console.error(`[firefox-smoke] ${error.stack ?? error}`);
  process.exit(1);
});
