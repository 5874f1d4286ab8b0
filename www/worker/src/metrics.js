// Request metrics for GET /metrics, kept in the isolate's memory.
//
// Only numbers and fixed labels: the route (one of the known endpoints, or
// "other" — never the raw path), the status and the error code. Nothing about
// a document is recorded. Note that Workers advance their clock only on I/O,
// so on the edge latencies of CPU-only work read low; locally they are exact.

/** Upper bounds of the latency buckets, in milliseconds. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

export class Metrics {
  constructor(knownRoutes) {
    this.knownRoutes = new Set(knownRoutes);
    this.since = new Date().toISOString();
    this.requests = new Map(); // "route status" → count
    this.latency = new Map(); // route → { counts per bucket (+Inf last), sum, count }
    this.errors = new Map(); // code → count
  }

  /** The route label of a request: a known route, or "other". */
  label(method, pathname) {
    const route = `${method} ${pathname}`;
    return this.knownRoutes.has(route) ? route : "other";
  }

  record(route, status, millis, errorCode) {
    const key = `${route} ${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let histogram = this.latency.get(route);
    if (!histogram) {
      histogram = { counts: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0), sum: 0, count: 0 };
      this.latency.set(route, histogram);
    }
    const bucket = LATENCY_BUCKETS_MS.findIndex((bound) => millis <= bound);
    histogram.counts[bucket === -1 ? LATENCY_BUCKETS_MS.length : bucket] += 1;
    histogram.sum += millis;
    histogram.count += 1;
    if (errorCode) this.errors.set(errorCode, (this.errors.get(errorCode) ?? 0) + 1);
  }

  toJSON(extra = {}) {
    const requests = [...this.requests].map(([key, count]) => {
      const at = key.lastIndexOf(" ");
      return { route: key.slice(0, at), status: Number(key.slice(at + 1)), count };
    });
    const latencyMs = {};
    for (const [route, h] of this.latency) {
      let cumulative = 0;
      const buckets = h.counts.map((n, i) => {
        cumulative += n;
        return { le: i < LATENCY_BUCKETS_MS.length ? LATENCY_BUCKETS_MS[i] : "+Inf", count: cumulative };
      });
      latencyMs[route] = { buckets, sum: h.sum, count: h.count };
    }
    return { since: this.since, requests, latencyMs, errors: Object.fromEntries(this.errors), ...extra };
  }

  /** The same figures in the Prometheus text format. */
  toPrometheus(cache, wasmMemoryBytes) {
    const lines = [
      "# HELP cvshield_requests_total Requests by route and status.",
      "# TYPE cvshield_requests_total counter",
    ];
    for (const { route, status, count } of this.toJSON().requests) {
      lines.push(`cvshield_requests_total{route="${route}",status="${status}"} ${count}`);
    }
    lines.push("# HELP cvshield_request_duration_ms Request latency.", "# TYPE cvshield_request_duration_ms histogram");
    for (const [route, h] of Object.entries(this.toJSON().latencyMs)) {
      for (const { le, count } of h.buckets) {
        lines.push(`cvshield_request_duration_ms_bucket{route="${route}",le="${le}"} ${count}`);
      }
      lines.push(`cvshield_request_duration_ms_sum{route="${route}"} ${h.sum}`);
      lines.push(`cvshield_request_duration_ms_count{route="${route}"} ${h.count}`);
    }
    lines.push("# HELP cvshield_errors_total Error responses by code.", "# TYPE cvshield_errors_total counter");
    for (const [code, count] of this.errors) lines.push(`cvshield_errors_total{code="${code}"} ${count}`);
    if (cache) {
      lines.push("# TYPE cvshield_cache_hits_total counter", `cvshield_cache_hits_total ${cache.hits}`);
      lines.push("# TYPE cvshield_cache_misses_total counter", `cvshield_cache_misses_total ${cache.misses}`);
      lines.push("# TYPE cvshield_cache_entries gauge", `cvshield_cache_entries ${cache.entries}`);
      lines.push("# TYPE cvshield_cache_bytes gauge", `cvshield_cache_bytes ${cache.bytes}`);
    }
    if (wasmMemoryBytes !== undefined) {
      lines.push(
        "# HELP cvshield_wasm_memory_bytes The wasm module's linear memory (it only grows).",
        "# TYPE cvshield_wasm_memory_bytes gauge",
        `cvshield_wasm_memory_bytes ${wasmMemoryBytes}`,
      );
    }
    return `${lines.join("\n")}\n`;
  }
}
