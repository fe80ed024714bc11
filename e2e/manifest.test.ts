// Checks both built manifests: the permissions the extension requests, and
// the shape each browser needs (MV3 service worker for Chrome, a persistent
// MV2 page with browser_action for Firefox).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const PERMISSIONS = ["alarms", "notifications", "storage"];

function readManifest(target: string): Record<string, unknown> {
  const path = `.output/${target}/manifest.json`;
  if (!existsSync(path)) {
    throw new Error(
      `No build at .output/${target}: run \`npm run build\` and \`npm run build:firefox\` first.`,
    );
  }
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

describe("chrome manifest", () => {
  const manifest = readManifest("chrome-mv3");

  it("uses a service worker", () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: "background.js" });
  });

  it("asks only for the needed permissions", () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual(PERMISSIONS);
    expect(manifest.host_permissions).toBeUndefined();
  });

  it("has a popup and an options page", () => {
    expect(manifest.action).toMatchObject({ default_popup: "popup.html" });
    expect(manifest.options_ui).toMatchObject({ page: "options.html", open_in_tab: true });
  });
});

describe("firefox manifest", () => {
  const manifest = readManifest("firefox-mv2");

  it("uses a persistent background page", () => {
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.background).toEqual({ persistent: true, scripts: ["background.js"] });
  });

  it("has browser_action, not action", () => {
    expect(manifest.browser_action).toMatchObject({ default_popup: "popup.html" });
    expect(manifest.action).toBeUndefined();
  });

  it("asks only for the needed permissions", () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual(PERMISSIONS);
  });

  it("carries a gecko id", () => {
    expect(manifest.browser_specific_settings).toMatchObject({ gecko: { id: expect.any(String) } });
  });
});
