import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing";
import { defaultSettings } from "../core/settings";
import type { AnnouncementState, MaintenanceWindow, Upgrade } from "../core/types";
import {
  announcementsItem,
  clockItem,
  diagnosticsItem,
  INITIAL_STATUS,
  settingsItem,
  statusItem,
} from "../lib/storage";
import { Popup } from "./Popup";

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const MINUTE = 60_000;
const ENDPOINT = "wss://socket.example.org/session/abc";

function maintenance(patch: Partial<MaintenanceWindow>): MaintenanceWindow {
  const starting = patch.starting ?? NOW + 60 * MINUTE;
  return {
    kind: "maintenance",
    id: new Date(starting).toISOString(),
    starting,
    ending: starting + 60 * MINUTE,
    message: "",
    announcedAt: NOW,
    ...patch,
  };
}

function upgrade(patch: Partial<Upgrade>): Upgrade {
  const eta = patch.eta ?? NOW + 5 * MINUTE;
  return {
    kind: "upgrade",
    id: new Date(eta).toISOString(),
    eta,
    reload: false,
    message: "",
    announcedAt: NOW,
    ...patch,
  };
}

/** Finds the element whose own text starts with `prefix` and returns its full text. */
async function findLine(prefix: string): Promise<string | null> {
  const element = await screen.findByText((text) => text.startsWith(prefix));
  return element.textContent;
}

async function announce(patch: Partial<AnnouncementState>) {
  await announcementsItem.setValue({
    windows: [],
    upgrades: [],
    history: [],
    ...patch,
  });
}

describe("Popup", () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    // Only Date is faked so that testing-library's waits keep real timers.
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    await settingsItem.setValue(defaultSettings(ENDPOINT));
  });

  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it("counts down on the server clock", async () => {
    const offset = 5 * MINUTE;
    await clockItem.setValue({ samples: [], offset });
    await announce({
      windows: [maintenance({ starting: NOW + offset + 10 * MINUTE })],
    });
    render(<Popup />);

    expect(await findLine("Starts in")).toBe("Starts in 10 min");
  });

  it("explains a large clock offset", async () => {
    await clockItem.setValue({ samples: [], offset: 302_000 });
    render(<Popup />);

    const text = "Your clock is 5 min 2 s behind the server. Countdowns use the server's clock.";
    expect(await screen.findByText(text)).toBeTruthy();
  });

  it("hides a small clock offset", async () => {
    await clockItem.setValue({ samples: [], offset: 4000 });
    render(<Popup />);

    await screen.findByText("No maintenance or upgrades announced.");
    expect(screen.queryByText(/Your clock is/)).toBeNull();
  });

  it("ticks every second", async () => {
    await announce({ windows: [maintenance({ starting: NOW + 10 * MINUTE })] });
    render(<Popup />);
    expect(await findLine("Starts in")).toBe("Starts in 10 min");

    vi.setSystemTime(NOW + 1000);
    await waitFor(async () => expect(await findLine("Starts in")).toBe("Starts in 9 min 59 s"), {
      timeout: 2000,
    });
  });

  it("shows the empty state", async () => {
    render(<Popup />);

    const empty = await screen.findByText("No maintenance or upgrades announced.");
    expect(empty).toBeTruthy();
  });

  it("empty state warns while disconnected", async () => {
    render(<Popup />);

    await screen.findByText("No maintenance or upgrades announced.");
    expect(screen.getByText("Not connected, so announcements may be missing.")).toBeTruthy();
  });

  it("headline names the active window", async () => {
    await announce({
      windows: [
        maintenance({ starting: NOW - MINUTE, ending: null }),
        maintenance({ starting: NOW + 30 * MINUTE }),
      ],
    });
    const { container } = render(<Popup />);

    await screen.findByRole("heading", { name: "In maintenance now" });
    const headline = container.querySelector(".headline");
    expect(headline?.textContent).toBe("Maintenance in progress, end time not announced");
    expect(headline?.classList.contains("headline-now")).toBe(true);
  });

  it("headline picks the sooner upgrade", async () => {
    await announce({
      windows: [maintenance({ starting: NOW + 90 * MINUTE })],
      upgrades: [upgrade({ eta: NOW + 3 * MINUTE + 20_000 })],
    });
    const { container } = render(<Popup />);

    await screen.findByRole("heading", { name: "Upgrades" });
    const headline = container.querySelector(".headline");
    expect(headline?.textContent).toMatch(/^Upgrade completes in 3 min, at /);
    expect(headline?.classList.contains("headline-soon")).toBe(true);
  });

  it("headline absent without endpoint", async () => {
    await settingsItem.setValue(defaultSettings(""));
    const { container } = render(<Popup />);

    await screen.findByText("Not configured");
    expect(container.querySelector(".headline")).toBeNull();
  });

  it("asks for an endpoint when none is set", async () => {
    await settingsItem.setValue(defaultSettings(""));
    const openOptionsPage = vi
      .spyOn(browser.runtime, "openOptionsPage")
      .mockResolvedValue(undefined);
    render(<Popup />);

    await screen.findByRole("heading", { name: "Set the service endpoint" });
    fireEvent.click(screen.getByRole("button", { name: "Open settings" }));

    expect(openOptionsPage).toHaveBeenCalledOnce();
    expect(screen.getByText("Not configured")).toBeTruthy();
  });

  it("renders the message as text", async () => {
    const message = "Database <b>migration</b> & cleanup";
    await announce({ windows: [maintenance({ message })] });
    const { container } = render(<Popup />);

    expect(await screen.findByText(message)).toBeTruthy();
    expect(container.querySelector("b")).toBeNull();
  });

  it("active window without an end", async () => {
    await announce({
      windows: [maintenance({ starting: NOW - MINUTE, ending: null })],
    });
    render(<Popup />);

    await screen.findByRole("heading", { name: "In maintenance now" });
    expect(screen.getByText("End time not announced")).toBeTruthy();
  });

  it("active window counts down to its end", async () => {
    await announce({
      windows: [maintenance({ starting: NOW - MINUTE, ending: NOW + 65 * MINUTE })],
    });
    render(<Popup />);

    const line = await findLine("Ends in");
    expect(line).toContain("Ends in 1 h 05 min, at ");
  });

  it("upgrade with reload", async () => {
    await announce({
      upgrades: [upgrade({ eta: NOW + 90_000, reload: true })],
    });
    render(<Popup />);

    const line = await findLine("Completes in");
    expect(line).toContain("Completes in 1 min 30 s, at ");
    expect(screen.getByText("Reload the service's pages once the upgrade completes")).toBeTruthy();
  });

  it("upgrade past its eta", async () => {
    await announce({ upgrades: [upgrade({ eta: NOW - 1000 })] });
    render(<Popup />);

    const line = await findLine("Completing now");
    expect(line).toContain("Completing now, at ");
    expect(screen.queryByText("Reload the service's pages once the upgrade completes")).toBeNull();
  });

  it("updates when storage changes", async () => {
    render(<Popup />);
    await screen.findByText("No maintenance or upgrades announced.");

    await announce({ upgrades: [upgrade({ message: "New release" })] });

    expect(await screen.findByText("New release")).toBeTruthy();
  });

  it("recent list is collapsed", async () => {
    await announce({ history: [maintenance({ message: "Old window" })] });
    render(<Popup />);

    const summary = await screen.findByText("Recently finished (1)");
    const details = summary.closest("details");
    expect(details?.open).toBe(false);
    expect(screen.getByText("Old window")).toBeTruthy();
  });

  it("diagnostics show counts and clear", async () => {
    await diagnosticsItem.setValue({
      rejected: { "invalid-json": 2, "frame-too-large": 1 },
      recent: [
        {
          at: NOW,
          reason: "invalid-json",
          detail: "broadcast body is not JSON",
        },
      ],
    });
    const requests: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      requests.push(message);
      return Promise.resolve({ ok: true });
    });
    render(<Popup />);

    await screen.findByText(/^Rejected 3 frames from the server\./);
    expect(screen.getByText("invalid JSON: 2")).toBeTruthy();
    expect(screen.getByText("frame over 64 KiB: 1")).toBeTruthy();
    const reasons = screen.getAllByRole("listitem").map((item) => item.textContent);
    expect(reasons).toEqual(["invalid JSON: 2", "frame over 64 KiB: 1"]);
    expect(screen.getByText("Latest: broadcast body is not JSON")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Clear diagnostics" }));
    expect(requests).toEqual([{ type: "clear-diagnostics" }]);
  });

  it("reconnect button while waiting", async () => {
    await statusItem.setValue({
      ...INITIAL_STATUS,
      state: "waiting",
      since: NOW,
      retryAt: NOW + 12_000,
      attempt: 2,
      lastError: "connection refused",
    });
    const requests: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      requests.push(message);
      return Promise.resolve({ ok: true });
    });
    render(<Popup />);

    const state = await screen.findByText("Reconnecting");
    expect(state.parentElement?.textContent).toBe("Reconnecting in 12 s");
    expect(screen.getByText("Last error: connection refused")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Reconnect now" }));
    expect(requests).toEqual([{ type: "reconnect" }]);
  });

  it("rejected session offers settings", async () => {
    await statusItem.setValue({
      ...INITIAL_STATUS,
      state: "error",
      since: NOW,
      retryAt: null,
      attempt: 1,
      lastError: "Session expired.",
    });
    const openOptionsPage = vi
      .spyOn(browser.runtime, "openOptionsPage")
      .mockResolvedValue(undefined);
    render(<Popup />);

    await screen.findByText("The server rejected the session");
    expect(screen.getByText("Reason: Session expired.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reconnect now" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Open settings" }));
    expect(openOptionsPage).toHaveBeenCalledOnce();
  });

  it("no reconnect button when open", async () => {
    await statusItem.setValue({
      state: "open",
      since: NOW,
      retryAt: null,
      attempt: 0,
      lastError: null,
      greetedAt: NOW,
    });
    render(<Popup />);

    await screen.findByText("Connected");
    expect(screen.queryByRole("button", { name: "Reconnect now" })).toBeNull();
  });
});
