import { describe, expect, it } from "vitest";
import { redactEndpoint, sameEndpoint, validateEndpoint } from "./endpoint";

describe("validateEndpoint", () => {
  it.each([
    "ws://127.0.0.1:8080/",
    "wss://socket.example.org/",
    "wss://socket.example.org:40000/abc?ghostId=1",
    "  ws://localhost:9000  ",
  ])("accepts %s", (text) => {
    const check = validateEndpoint(text);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.url).toBe(text.trim());
  });

  it.each([
    ["", /Enter the WebSocket URL/],
    ["socket.example.org", /not a valid URL/],
    ["https://socket.example.org/", /scheme "https" is not supported/],
    ["ws://host/#top", /fragment/],
  ])("rejects %j", (text, message) => {
    const check = validateEndpoint(text);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toMatch(message);
  });
});

describe("sameEndpoint", () => {
  it.each([
    ["ws://127.0.0.1:8787", "ws://127.0.0.1:8787/", true],
    ["WSS://Example.org/path", "wss://example.org/path", true],
    ["ws://127.0.0.1:8787/a", "ws://127.0.0.1:8787/b", false],
    ["", "", true],
    ["", "ws://127.0.0.1/", false],
  ])("compares %s with %s", (a, b, same) => {
    expect(sameEndpoint(a, b)).toBe(same);
  });
});

describe("redactEndpoint", () => {
  it("drops path, query and credentials", () => {
    expect(redactEndpoint("wss://user:pw@h.example:40000/ghost?ghostId=9")).toBe(
      "wss://h.example:40000",
    );
  });

  it("marks an invalid endpoint", () => {
    expect(redactEndpoint("nonsense")).toBe("(invalid endpoint)");
  });
});
