import type { BrowserContext, Worker } from "playwright-core";

export const CHROMIUM_PATH: string;
export const EXTENSION_DIR: string;

/** Options of `launchWithExtension`. */
export interface LaunchOptions {
  /** Unpacked extension to load; default `EXTENSION_DIR`. */
  extensionDir?: string;
  /** Default true. */
  headless?: boolean;
  /** Page size in CSS pixels; default null, the window's own size. */
  viewport?: { width: number; height: number } | null;
  /**
   * Lets Playwright close the browser and exit on SIGINT, SIGTERM and SIGHUP;
   * default true. Pass false when the caller cleans up on those signals itself.
   */
  handleSignals?: boolean;
}

export interface LaunchedExtension {
  context: BrowserContext;
  /** The extension's service worker as it was when the browser started. */
  worker: Worker;
  extensionId: string;
  /** Fresh profile directory, removed by `close()`. */
  userDataDir: string;
  /** Closes the browser and removes the profile. */
  close(): Promise<void>;
}

export function launchWithExtension(options?: LaunchOptions): Promise<LaunchedExtension>;
