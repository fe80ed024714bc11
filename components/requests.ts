import { browser } from "wxt/browser";
import type { Reply, Request } from "../lib/messages";

/** Sends a request to the worker and resolves to an error in words, or null on success. */
export async function sendRequest(request: Request): Promise<string | null> {
  try {
    const reply = (await browser.runtime.sendMessage(request)) as Reply | undefined;
    if (reply && !reply.ok) return reply.error ?? "The worker rejected it.";
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `The background worker did not answer: ${reason}`;
  }
}
