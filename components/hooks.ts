import type { WxtStorageItem } from "@wxt-dev/storage";
import { useEffect, useState } from "preact/hooks";

/** Reads a storage item and follows its changes. The value is undefined until loaded. */
export function useStoredValue<T, M extends Record<string, unknown>>(
  item: WxtStorageItem<T, M>,
): T | undefined {
  const [value, setValue] = useState<T>();

  useEffect(() => {
    let changed = false;
    const unwatch = item.watch((next) => {
      changed = true;
      setValue(next);
    });

    // A change seen by the watcher is newer than this first read.
    void item.getValue().then((first) => {
      if (!changed) setValue(first);
    });
    return unwatch;
  }, [item]);

  return value;
}

/** Returns local `Date.now()`, refreshed every `intervalMs`. */
export function useLocalNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);

  return now;
}
