import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { defaultSettings } from "../core/settings";
import { settingsItem } from "../lib/storage";
import { FakeWebSocket } from "../lib/fake-web-socket";
import { Options } from "./Options";

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const STORED = "wss://socket.example.org/session/old";

async function renderOptions() {
  render(<Options socketClass={FakeWebSocket} />);
  return (await screen.findByLabelText("Endpoint URL")) as HTMLInputElement;
}

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

function click(name: string) {
  fireEvent.click(screen.getByRole("button", { name }));
}

describe("Options", () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    FakeWebSocket.instances = [];
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    await settingsItem.setValue(defaultSettings(STORED));
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("loads the stored settings", async () => {
    const endpoint = await renderOptions();

    expect(endpoint.value).toBe(STORED);
    const reminder = screen.getByLabelText(/^Reminder before a window starts/);
    expect((reminder as HTMLInputElement).value).toBe("15");
  });

  it("invalid endpoint is not saved", async () => {
    const endpoint = await renderOptions();
    type("Endpoint URL", "https://socket.example.org/");
    click("Save");

    const error = await screen.findByText(/The scheme "https" is not supported/);
    expect(endpoint.getAttribute("aria-invalid")).toBe("true");
    expect(endpoint.getAttribute("aria-describedby")).toContain(error.id);
    expect((await settingsItem.getValue()).endpoint).toBe(STORED);
  });

  it("valid save writes storage and asks for a reconnect", async () => {
    const requests: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      requests.push(message);
      return Promise.resolve({ ok: true });
    });
    await renderOptions();
    type("Endpoint URL", "  ws://127.0.0.1:8080/session/new ");
    type("Reminder before a window starts (minutes)", "30");
    fireEvent.click(screen.getByLabelText("Upgrade announced"));
    click("Save");

    expect(await screen.findByText("Saved.")).toBeTruthy();
    const saved = await settingsItem.getValue();
    expect(saved.endpoint).toBe("ws://127.0.0.1:8080/session/new");
    expect(saved.reminderMinutes).toBe(30);
    expect(saved.notify["upgrade-announced"]).toBe(false);
    expect(saved.notify.announced).toBe(true);
    expect(requests).toEqual([{ type: "reconnect" }]);
  });

  it("save reports a worker that does not answer", async () => {
    await renderOptions();
    type("Endpoint URL", "ws://127.0.0.1:8080/");
    click("Save");

    expect(await screen.findByText(/^Saved, but reconnecting failed\./)).toBeTruthy();
    expect((await settingsItem.getValue()).endpoint).toBe("ws://127.0.0.1:8080/");
  });

  it("empty endpoint saves and stops the extension", async () => {
    await renderOptions();
    type("Endpoint URL", "   ");
    click("Save");

    expect(await screen.findByText(/^Saved/)).toBeTruthy();
    expect((await settingsItem.getValue()).endpoint).toBe("");
  });

  it("reminder out of range is rejected", async () => {
    await renderOptions();
    type("Reminder before a window starts (minutes)", "1441");
    click("Save");

    const error = await screen.findByText("Enter a whole number of minutes from 0 to 1440.");
    const reminder = screen.getByLabelText(/^Reminder before a window starts/);
    expect(reminder.getAttribute("aria-describedby")).toBe(error.id);
    expect((await settingsItem.getValue()).reminderMinutes).toBe(15);
  });

  it("fractional reminder is rejected", async () => {
    await renderOptions();
    type("Reminder before a window starts (minutes)", "2.5");
    click("Save");

    expect(await screen.findByText("Enter a whole number of minutes from 0 to 1440.")).toBeTruthy();
  });

  it("test connection reports success", async () => {
    await renderOptions();
    type("Endpoint URL", "ws://127.0.0.1:8080/session/new");
    click("Test connection");

    const socket = FakeWebSocket.latest();
    const serverTime = new Date(NOW + 300_000).toISOString();
    socket.receive(`connectionResponse {"serverTime":"${serverTime}","errorCode":0}`);

    const text = "Connected in 0 ms. Server clock is 5 min ahead of yours.";
    expect(await screen.findByText(text)).toBeTruthy();
    expect(socket.url).toBe("ws://127.0.0.1:8080/session/new");
    expect(socket.closed).toBe(true);
  });

  it("test connection reports failure", async () => {
    await renderOptions();
    click("Test connection");
    FakeWebSocket.latest().drop(1006);

    const text =
      "Could not connect to wss://socket.example.org: connection refused or closed (code 1006).";
    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.queryByText(/session\/old/)).toBeNull();
  });

  it("failed save focuses the field", async () => {
    await renderOptions();
    type("Reminder before a window starts (minutes)", "-5");
    click("Save");

    await screen.findByText("Enter a whole number of minutes from 0 to 1440.");
    expect(document.activeElement?.id).toBe("reminder");
  });

  it("editing the endpoint clears the test result", async () => {
    await renderOptions();
    click("Test connection");
    FakeWebSocket.latest().drop(1006);
    await screen.findByText(/^Could not connect/);

    type("Endpoint URL", "ws://127.0.0.1:8080/");
    expect(screen.queryByText(/^Could not connect/)).toBeNull();
  });

  it("test connection validates first", async () => {
    await renderOptions();
    type("Endpoint URL", "not a url");
    click("Test connection");

    expect(await screen.findByText(/This is not a valid URL/)).toBeTruthy();
    expect(FakeWebSocket.instances).toEqual([]);
  });
});
