import { describe, expect, it } from "vitest";
import { defaultSettings, PHASES } from "./settings";

describe("defaultSettings", () => {
  it("turns every phase on", () => {
    const settings = defaultSettings();
    for (const phase of PHASES) expect(settings.notify[phase]).toBe(true);
  });
});
