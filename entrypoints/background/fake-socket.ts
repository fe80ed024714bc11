// A stand-in for the browser's WebSocket in worker tests: the test opens,
// feeds and closes it by hand.

type Listener = (event: unknown) => void;

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

  /** Test side: the handshake completed. */
  acceptOpen(): void {
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
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
