// The worker isolate's JavaScript heap, read through workerd's inspector
// (the Chrome DevTools protocol Miniflare exposes with `inspectorPort`),
// for the load test: the heap in use after a full garbage collection, round
// after round, tells a JS leak (it keeps rising) from V8 and the allocator
// keeping freed memory (RSS rises, the live heap does not).
//
// workerd does not answer HeapProfiler.collectGarbage, so the collection is
// the one HeapProfiler.takeHeapSnapshot runs before it walks the heap; the
// snapshot's chunks are dropped unread. Miniflare's inspector proxy does not
// pass the snapshot's reply on (it answers with the request itself), so the
// snapshot is sent without waiting, and the heap is read by the next command:
// the isolate handles one session's commands in order, so Runtime.getHeapUsage
// answers after the snapshot (and its collection) is done.
import { createServer } from "node:net";

import WebSocket from "ws";

/** A port on 127.0.0.1 nothing listens on right now (for Miniflare's inspector). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export class Inspector {
  /** Connect to the first (only) isolate behind Miniflare's inspector on `port`. */
  static async connect(port) {
    const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
    if (!targets.length) throw new Error(`no inspector target on 127.0.0.1:${port}`);
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    return new Inspector(socket);
  }

  constructor(socket) {
    this.socket = socket;
    this.nextId = 0;
    this.pending = new Map();
    socket.on("message", (data) => {
      const message = JSON.parse(data);
      // Replies carry a result or an error; events (snapshot chunks) have no id.
      if (message.id === undefined || !("result" in message || "error" in message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.resolve(message.result);
    });
  }

  call(method, params = {}) {
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.pending.set(id, { resolve, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Send a command whose reply is not awaited. */
  send(method, params = {}) {
    this.socket.send(JSON.stringify({ id: ++this.nextId, method, params }));
  }

  /** Bytes of JS heap in use after a full collection. */
  async heapUsedAfterGc() {
    await this.call("HeapProfiler.enable");
    this.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    const usage = await this.call("Runtime.getHeapUsage");
    await this.call("HeapProfiler.disable");
    return usage.usedSize;
  }

  close() {
    this.socket.close();
  }
}
