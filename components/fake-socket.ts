// A stand-in for WebSocket in tests: it records each instance so the test
// can play the server's side by hand.
import type { TestSocket } from "./test-connection";

type Listener = (event: never) => void;

export class FakeSocket implements TestSocket {
  static instances: FakeSocket[] = [];
  readonly listeners = new Map<string, Listener[]>();
  closed = false;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  /** Returns the most recently created socket. */
  static latest(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error("No FakeSocket was created.");
    return socket;
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  /** Fires "open" as the browser does when the handshake completes. */
  open(): void {
    this.emit("open", {});
  }

  /** Delivers a text frame as the server would. */
  receive(data: unknown): void {
    this.emit("message", { data });
  }

  /** Fires "close" as the server would. Browsers report a failed handshake as code 1006. */
  drop(code: number, reason = ""): void {
    this.emit("close", { code, reason });
  }

  private emit(type: string, event: object): void {
    for (const listener of this.listeners.get(type) ?? []) {
      (listener as (event: object) => void)(event);
    }
  }
}
