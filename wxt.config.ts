import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// The demo build points at the bundled server; a store build ships with no
// endpoint, so the popup prompts the user for one.
const defaultEndpoint = process.env.BA_DEFAULT_ENDPOINT ?? "";

export default defineConfig({
  modules: ["@wxt-dev/webextension-polyfill"],
  imports: false,
  vite: () => ({
    plugins: [preact()],
    define: {
      __DEFAULT_ENDPOINT__: JSON.stringify(defaultEndpoint),
    },
  }),
  manifest: ({ browser }) => ({
    name: "Broadcast Alerts",
    description:
      "Desktop alerts for maintenance windows and upgrades that a service announces over its WebSocket.",
    permissions: ["storage", "notifications", "alarms"],
    action: { default_title: "Broadcast Alerts" },
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: "broadcast-alerts@example.org",
              // The extension sends nothing anywhere but the configured endpoint.
              data_collection_permissions: { required: ["none"] },
            },
          },
        }
      : {}),
  }),
});
