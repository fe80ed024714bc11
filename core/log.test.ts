import { describe, expect, it, vi } from "vitest";
import { createLogger, REPEAT_INTERVAL_MS } from "./log";

function setup() {
  const sink = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  let time = 0;
  const logger = createLogger("[test]", sink, () => time);
  return { sink, logger, advance: (ms: number) => (time += ms) };
}

describe("createLogger", () => {
  it("prefixes messages", () => {
    const { sink, logger } = setup();
    logger.info("started");
    expect(sink.info).toHaveBeenCalledWith("[test] started");
  });

  it("suppresses repeats of one key and reports the count", () => {
    const { sink, logger, advance } = setup();
    for (let i = 0; i < 5; i++) logger.warn("bad-frame", "rejected");
    expect(sink.warn).toHaveBeenCalledTimes(1);

    advance(REPEAT_INTERVAL_MS);
    logger.warn("bad-frame", "rejected");
    expect(sink.warn).toHaveBeenCalledTimes(2);
    expect(sink.warn).toHaveBeenLastCalledWith("[test] rejected (4 similar messages suppressed)");
  });

  it("keeps keys apart", () => {
    const { sink, logger } = setup();
    logger.warn("a", "one");
    logger.warn("b", "two");
    expect(sink.warn).toHaveBeenCalledTimes(2);
  });
});
