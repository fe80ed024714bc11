// Shared setup of the browser tests: one Chromium with the built extension,
// helpers to reach its worker, pages and storage, and a polling wait.
import { existsSync } from "node:fs";
import type { BrowserContext, Page, Worker } from "playwright-core";
import { defaultSettings } from "../core/settings";
import type { Settings } from "../core/types";
import { CHROMIUM_PATH, launchWithExtension } from "./chromium.mjs";

/** The part of the `chrome` API that the tests call inside the worker. */
interface ChromeApi {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
  notifications: { getAll(): Promise<Record<string, boolean>> };
}
type WorkerScope = typeof globalThis & { chrome: ChromeApi };

export interface ExtensionSession {
  context: BrowserContext;
  /** The extension's service worker, the newest one if Chrome restarted it. */
  readonly worker: Worker;
  extensionId: string;
  /** Opens `popup.html` in a new tab. */
  openPopup(): Promise<Page>;
  /** Opens `options.html` in a new tab. */
  openOptions(): Promise<Page>;
  /** Merges `partial` into the stored settings, starting from the defaults. */
  setSettings(partial: Partial<Settings>): Promise<void>;
  /** Reads one key of `chrome.storage.local`, or undefined when it is unset. */
  readStorage<T>(key: string): Promise<T | undefined>;
  /** Ids of the notifications currently shown. */
  getNotificationIds(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Tells whether Chromium is installed. Without it the tests are skipped
 * locally, but fail under CI so that a broken setup cannot pass unnoticed.
 */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const hint = `Chromium is missing at ${CHROMIUM_PATH}; install it with \`apt-get install -y chromium\`.`;
  if (process.env.CI) throw new Error(`${hint} CI must run the browser tests.`);
  console.warn(`Skipping the browser tests: ${hint}`);
  return false;
}

/** Launches Chromium with the built extension and a fresh profile. */
export async function launchExtension(): Promise<ExtensionSession> {
  const launched = await launchWithExtension({ headless: true });
  const { context, extensionId } = launched;
  let worker = launched.worker;
  context.on("serviceworker", (next) => {
    if (next.url().startsWith(`chrome-extension://${extensionId}/`)) worker = next;
  });

  const openPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  const readStorage = <T>(key: string) =>
    worker.evaluate(async (name) => {
      const { chrome } = globalThis as WorkerScope;
      return (await chrome.storage.local.get(name))[name];
    }, key) as Promise<T | undefined>;

  return {
    context,
    get worker() {
      return worker;
    },
    extensionId,
    openPopup: () => openPage("popup.html"),
    openOptions: () => openPage("options.html"),
    readStorage,
    async setSettings(partial) {
      const current = (await readStorage<Settings>("settings")) ?? defaultSettings();
      const settings = { ...current, ...partial };
      await worker.evaluate(async (value) => {
        const { chrome } = globalThis as WorkerScope;
        await chrome.storage.local.set({ settings: value });
      }, settings);
    },
    async getNotificationIds() {
      const notifications = await worker.evaluate(async () => {
        const { chrome } = globalThis as WorkerScope;
        return chrome.notifications.getAll();
      });
      return Object.keys(notifications);
    },
    close: launched.close,
  };
}

/**
 * Polls `read` until `accept` holds for its value, and returns that value.
 * On timeout it throws with `description` and the last value read.
 */
export async function waitFor<T>(
  description: string,
  read: () => Promise<T> | T,
  accept: (value: T) => boolean = Boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) {
      const last = JSON.stringify(value) ?? String(value);
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${description}; last value: ${last}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
