import { describe, expect, it } from "vitest";
import { parseLenientJson } from "./lenient-json";

describe("parseLenientJson", () => {
  it.each([
    ['{"a":1,}', { a: 1 }],
    ['{"a":[1,2, ] ,\n}', { a: [1, 2] }],
    ['{"a":",}"}', { a: ",}" }],
    ['{"a":"quote \\" ,}",}', { a: 'quote " ,}' }],
    ['{"a":1,"b":2}', { a: 1, b: 2 }],
  ])("parses %s", (text, expected) => {
    expect(parseLenientJson(text)).toEqual(expected);
  });

  it.each(['{"a":1,,}', "{,}", '{"a":1', "[1,]]"])("rejects %s", (text) => {
    expect(() => parseLenientJson(text)).toThrow(SyntaxError);
  });
});
