// A stand-in for the browser's WebSocket in tests of the worker and the
// options page: the test plays the server's side by hand.

// `never` lets a listener of any event type be registered, as on a real socket.
type Listener = (event: never) => void;

export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];

  readonly url: string;
  readonly sent: string[] = [];
  closedWith: number | null = null;
  private listeners = new Map<string, Listener[]>();

  constructor(url: string) {
    this.url = url;
    FakeWebSocket.instances.push(this);
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error("no WebSocket was opened");
    return socket;
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(text: string): void {
    this.sent.push(text);
  }

  close(code = 1000): void {
    if (this.closedWith !== null) return;
    this.closedWith = code;
    this.emit("close", { code, reason: "" });
  }

  /** True once either side closed the socket. */
  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Test side: the handshake completed. */
  open(): void {
    this.emit("open", {});
  }

  /** Test side: the server sent a text frame. */
  receive(text: string): void {
    this.emit("message", { data: text });
  }

  /** Test side: the server or network ended the connection. */
  drop(code = 1006, reason = ""): void {
    this.closedWith = code;
    this.emit("close", { code, reason });
  }

  private emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? [])
      (listener as (event: unknown) => void)(event);
  }
}
