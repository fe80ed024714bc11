import { beforeEach, describe, expect, it } from "vitest";
import {
  applyAnnouncement,
  completeUpgrade,
  EMPTY_STATE,
  pruneAnnouncements,
} from "./announcements";
import { ENDED_NOTICE_MAX_DELAY_MS, type PlanInput, planNotifications } from "./plan";
import { defaultSettings } from "./settings";
import { formatTimestamp } from "./timestamp";
import type { AnnouncementState } from "./types";

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const MINUTE = 60_000;
const START = NOW + 60 * MINUTE;
const END = NOW + 90 * MINUTE;
const ID = formatTimestamp(START);

let state: AnnouncementState;

function input(serverNow: number, extra: Partial<PlanInput> = {}): PlanInput {
  return {
    state: pruneAnnouncements(state, serverNow),
    notified: {},
    settings: defaultSettings("ws://127.0.0.1:1/"),
    connected: true,
    serverNow,
    formatTime: (time) => formatTimestamp(time).slice(11, 16),
    ...extra,
  };
}

beforeEach(() => {
  const window = {
    kind: "maintenance" as const,
    id: ID,
    starting: START,
    ending: END,
    message: "DB move",
  };
  state = applyAnnouncement(EMPTY_STATE, window, NOW).state;
});

describe("planNotifications maintenance", () => {
  it("announces a new window", () => {
    const plan = planNotifications(input(NOW));
    expect(plan.notices).toHaveLength(1);
    expect(plan.notices[0]).toMatchObject({
      id: `ba:${ID}:announced`,
      title: "Maintenance scheduled",
    });
    expect(plan.notices[0]!.message).toBe("Starts at 13:00, in 1 h. Ends at 13:30.\nDB move");
    expect(plan.handled).toEqual([`${ID}:announced`]);
    expect(plan.nextCheckAt).toBe(START - 15 * MINUTE);
  });

  it("raises nothing already handled", () => {
    const plan = planNotifications(input(NOW, { notified: { [`${ID}:announced`]: 1 } }));
    expect(plan.notices).toEqual([]);
    expect(plan.handled).toEqual([]);
  });

  it("reminds inside the lead time", () => {
    const plan = planNotifications(
      input(START - 10 * MINUTE, { notified: { [`${ID}:announced`]: 1 } }),
    );
    expect(plan.notices.map((notice) => notice.title)).toEqual(["Maintenance starts in 10 min"]);
    expect(plan.nextCheckAt).toBe(START);
  });

  it("announces instead of reminding a window first seen inside the lead time", () => {
    const plan = planNotifications(input(START - 10 * MINUTE));
    expect(plan.notices.map((notice) => notice.phase)).toEqual(["announced"]);
    expect(plan.notices[0]!.message).toMatch(/, in 10 min\./);
    expect(plan.handled.sort()).toEqual([`${ID}:announced`, `${ID}:reminder`]);
  });

  it("reminds a window first seen inside the lead time when announcements are off", () => {
    const settings = defaultSettings();
    settings.notify.announced = false;
    const plan = planNotifications(input(START - 10 * MINUTE, { settings }));
    expect(plan.notices.map((notice) => notice.phase)).toEqual(["reminder"]);
  });

  it("skips the reminder when the lead time is zero", () => {
    const settings = { ...defaultSettings(), reminderMinutes: 0 };
    const plan = planNotifications(
      input(START - MINUTE, { settings, notified: { [`${ID}:announced`]: 1 } }),
    );
    expect(plan.notices).toEqual([]);
  });

  it("raises only the current phase after a long sleep", () => {
    const plan = planNotifications(input(START + MINUTE));
    expect(plan.notices.map((notice) => notice.phase)).toEqual(["started"]);
    expect(plan.handled.sort()).toEqual([`${ID}:announced`, `${ID}:reminder`, `${ID}:started`]);
  });

  it("waits for the service before announcing the end", () => {
    const plan = planNotifications(input(END + MINUTE, { connected: false }));
    expect(plan.notices).toEqual([]);
    expect(plan.handled).not.toContain(`${ID}:ended`);
  });

  it("announces the end once the service is back", () => {
    const plan = planNotifications(input(END + MINUTE));
    expect(plan.notices.map((notice) => notice.title)).toEqual(["Maintenance is over"]);
  });

  it("drops a stale end silently", () => {
    const plan = planNotifications(input(END + ENDED_NOTICE_MAX_DELAY_MS + MINUTE));
    expect(plan.notices).toEqual([]);
    expect(plan.handled).toContain(`${ID}:ended`);
  });

  it("honours a disabled phase", () => {
    const settings = defaultSettings();
    settings.notify.announced = false;
    const plan = planNotifications(input(NOW, { settings }));
    expect(plan.notices).toEqual([]);
    expect(plan.handled).toEqual([`${ID}:announced`]);
  });

  it("says when the end is unknown", () => {
    const window = {
      kind: "maintenance" as const,
      id: ID,
      starting: START,
      ending: null,
      message: "",
    };
    state = applyAnnouncement(EMPTY_STATE, window, NOW).state;
    const plan = planNotifications(input(START + MINUTE));
    expect(plan.notices[0]!.message).toMatch(/^End time not announced\./);
  });
});

describe("planNotifications upgrade", () => {
  const ETA = NOW + 5 * MINUTE;
  const UPGRADE_ID = formatTimestamp(ETA);

  beforeEach(() => {
    const upgrade = {
      kind: "upgrade" as const,
      id: UPGRADE_ID,
      eta: ETA,
      reload: true,
      message: "",
    };
    state = applyAnnouncement(EMPTY_STATE, upgrade, NOW).state;
  });

  it("announces the upgrade and checks again at eta", () => {
    const plan = planNotifications(input(NOW));
    expect(plan.notices.map((notice) => notice.id)).toEqual([`ba:${UPGRADE_ID}:upgrade-announced`]);
    expect(plan.notices[0]!.message).toMatch(/Reload the service's pages afterwards/);
    expect(plan.nextCheckAt).toBe(ETA);
  });

  it("reports completion with the reload request", () => {
    state = completeUpgrade(state, UPGRADE_ID, ETA + 2000);
    const plan = planNotifications(
      input(ETA + 3000, { notified: { [`${UPGRADE_ID}:upgrade-announced`]: 1 } }),
    );
    expect(plan.notices.map((notice) => notice.title)).toEqual(["Upgrade complete"]);
    expect(plan.notices[0]!.message).toMatch(/Reload the service's pages/);
  });

  it("drops a late completion silently", () => {
    state = completeUpgrade(state, UPGRADE_ID, ETA);
    const plan = planNotifications(input(ETA + 30 * MINUTE));
    expect(plan.notices).toEqual([]);
    expect(plan.handled).toContain(`${UPGRADE_ID}:upgrade-complete`);
  });
});

describe("planNotifications many windows", () => {
  it("merges many announced windows into one notice", () => {
    for (let i = 2; i <= 5; i++) {
      const starting = NOW + i * 60 * MINUTE;
      const window = {
        kind: "maintenance" as const,
        id: formatTimestamp(starting),
        starting,
        ending: starting + 30 * MINUTE,
        message: "More work",
      };
      state = applyAnnouncement(state, window, NOW).state;
    }
    const plan = planNotifications(input(NOW));
    expect(plan.notices).toHaveLength(1);
    expect(plan.notices[0]).toMatchObject({
      id: "ba:announced",
      title: "5 maintenance windows scheduled",
      message: "The first: Starts at 13:00, in 1 h. Ends at 13:30. The popup lists them all.",
    });
    expect(plan.handled.filter((key) => key.endsWith(":announced"))).toHaveLength(5);
  });

  it("keeps separate notices for a few windows", () => {
    const plan = planNotifications(input(NOW));
    expect(plan.notices.map((notice) => notice.id)).toEqual([`ba:${ID}:announced`]);
  });
});

describe("planNotifications changed window", () => {
  const announcedBefore = { [`${ID}:announced`]: 1 };

  function change(endIn: number, at: number) {
    const window = {
      kind: "maintenance" as const,
      id: ID,
      starting: START,
      ending: NOW + endIn * MINUTE,
      message: "DB move",
    };
    state = applyAnnouncement(state, window, at).state;
  }

  it("notifies a changed ending once", () => {
    change(120, NOW + MINUTE);
    const plan = planNotifications(input(NOW + 2 * MINUTE, { notified: announcedBefore }));
    expect(plan.notices.map((notice) => notice.id)).toEqual([`ba:${ID}:changed`]);
    expect(plan.notices[0]!.message).toBe("Starts at 13:00. Ends at 14:00.\nDB move");
    expect(plan.handled).toEqual([`${ID}:changed`]);

    const notified = { ...announcedBefore, [`${ID}:changed`]: NOW + 2 * MINUTE };
    expect(planNotifications(input(NOW + 3 * MINUTE, { notified })).notices).toEqual([]);
  });

  it("notifies a later change again", () => {
    change(120, NOW + MINUTE);
    planNotifications(input(NOW + 2 * MINUTE, { notified: announcedBefore }));
    change(150, NOW + 8 * MINUTE);
    const notified = { ...announcedBefore, [`${ID}:changed`]: NOW + 2 * MINUTE };
    const second = planNotifications(input(NOW + 8 * MINUTE, { notified }));
    expect(second.notices.map((notice) => notice.phase)).toEqual(["changed"]);
    expect(second.notices[0]!.message).toMatch(/Ends at 14:30\./);
  });

  it("holds back a change soon after the last notice", () => {
    change(120, NOW + MINUTE);
    change(150, NOW + 3 * MINUTE);
    const notified = { ...announcedBefore, [`${ID}:changed`]: NOW + 2 * MINUTE };
    const early = planNotifications(input(NOW + 3 * MINUTE, { notified }));
    expect(early.notices).toEqual([]);
    expect(early.handled).toEqual([]);
    expect(early.nextCheckAt).toBe(NOW + 7 * MINUTE);

    const due = planNotifications(input(NOW + 7 * MINUTE, { notified }));
    expect(due.notices.map((notice) => notice.phase)).toEqual(["changed"]);
    expect(due.notices[0]!.message).toMatch(/Ends at 14:30\./);
  });

  it("stays quiet before the first notice", () => {
    change(120, NOW + MINUTE);
    const plan = planNotifications(input(NOW + 2 * MINUTE));
    expect(plan.notices.map((notice) => notice.phase)).toEqual(["announced"]);
  });
});
