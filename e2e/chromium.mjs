// Launches Chromium with the built extension loaded, for the browser tests and
// `npm start`. The browser gets a fresh profile and stays off the network.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** The Chrome build to load: `BA_EXTENSION_DIR`, or else the one `npm run build` writes. */
export const EXTENSION_DIR =
  process.env.BA_EXTENSION_DIR ?? fileURLToPath(new URL("../.output/chrome-mv3", import.meta.url));

/** How long the extension's service worker may take to start, in ms. */
const WORKER_START_MS = 15_000;

/**
 * Launches Chromium with the extension in `extensionDir` and waits for its worker.
 * @param {import("./chromium.d.mts").LaunchOptions} [options]
 * @returns {Promise<import("./chromium.d.mts").LaunchedExtension>}
 */
export async function launchWithExtension(options = {}) {
  const {
    extensionDir = EXTENSION_DIR,
    headless = true,
    viewport = null,
    handleSignals = true,
  } = options;
  assertBuilt(extensionDir);

  const userDataDir = await mkdtemp(join(tmpdir(), "broadcast-alerts-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport,
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      // Any host name other than the local test servers fails to resolve.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });

  const close = async () => {
    await context.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    const worker = await findWorker(context);
    const extensionId = new URL(worker.url()).host;
    return { context, worker, extensionId, userDataDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function assertBuilt(extensionDir) {
  if (existsSync(join(extensionDir, "manifest.json"))) return;
  throw new Error(
    `No built extension at ${extensionDir}: run \`npm run build\` first, then run the browser tests again.`,
  );
}

async function findWorker(context) {
  const isExtension = (worker) => worker.url().startsWith("chrome-extension://");
  const running = context.serviceWorkers().find(isExtension);
  if (running) return running;
  try {
    return await context.waitForEvent("serviceworker", {
      predicate: isExtension,
      timeout: WORKER_START_MS,
    });
  } catch {
    throw new Error(
      `The extension's service worker did not start within ${WORKER_START_MS / 1000} s. ` +
        "Check that the build loads in chrome://extensions.",
    );
  }
}
