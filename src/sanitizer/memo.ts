/** Keys longer than this are computed every time: the cache must not hold big strings. */
const MAX_KEY_LENGTH = 256;

/**
 * Memoises a pure function of a string. Keys come from callers (argument names, tool
 * names), so the cache is bounded in count and key length: when full it is emptied,
 * which costs one recomputation per key.
 */
export function memoize<T>(fn: (key: string) => T, max = 4096): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (key.length > MAX_KEY_LENGTH) return fn(key);
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}
