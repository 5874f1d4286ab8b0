// Results cached by content hash inside the isolate.
//
// The key is the SHA-256 of the route, the normalised options and the
// document's bytes, so only a request for the very same work on the very same
// bytes can hit. Values are the finished JSON bodies. The cache is bounded by
// entry count and by bytes, evicting the least recently used entry first, and
// lives only as long as the isolate: nothing is written anywhere.

export class ResultCache {
  constructor({ maxEntries = 256, maxBytes = 32 * 1024 * 1024 } = {}) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.entries = new Map(); // key → Uint8Array, oldest first
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
    this.evictions = 0;
  }

  get(key) {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.misses += 1;
      return undefined;
    }
    // Re-insert: Map keeps insertion order, so the end is "most recent".
    this.entries.delete(key);
    this.entries.set(key, value);
    this.hits += 1;
    return value;
  }

  set(key, value) {
    // One entry may not take more than a quarter of the budget.
    if (this.maxEntries < 1 || value.byteLength > this.maxBytes / 4) return;
    this.delete(key);
    this.entries.set(key, value);
    this.bytes += value.byteLength;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      this.delete(oldest);
      this.evictions += 1;
    }
  }

  delete(key) {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.bytes -= value.byteLength;
  }

  stats() {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxEntries: this.maxEntries,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }
}

/** Hex SHA-256 of `route`, `options` (as canonical JSON) and `bytes`. */
export async function cacheKey(route, options, bytes) {
  const prefix = new TextEncoder().encode(`${route}\n${canonicalJson(options)}\n`);
  const data = new Uint8Array(prefix.byteLength + bytes.byteLength);
  data.set(prefix, 0);
  data.set(bytes, prefix.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** JSON with object keys sorted, so equal options give equal keys. */
function canonicalJson(value) {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Whether this request may use the cache: the CVSHIELD_CACHE variable
 * switches it off for the deployment ("off"), the `x-cvshield-cache: off` or
 * `cache-control: no-store`/`no-cache` request headers for one request.
 */
export function cacheAllowed(env, request) {
  if (String(env?.CVSHIELD_CACHE ?? "on").toLowerCase() === "off") return false;
  if ((request.headers.get("x-cvshield-cache") ?? "").toLowerCase() === "off") return false;
  return !/\bno-(store|cache)\b/i.test(request.headers.get("cache-control") ?? "");
}

/** Cache bounds from the environment, with the defaults above. */
export function cacheBounds(env) {
  const number = (value, fallback) => {
    const n = Number(value);
    return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    maxEntries: number(env?.CVSHIELD_CACHE_MAX_ENTRIES, 256),
    maxBytes: number(env?.CVSHIELD_CACHE_MAX_BYTES, 32 * 1024 * 1024),
  };
}
