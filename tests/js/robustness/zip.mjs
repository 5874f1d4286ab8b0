// Zip-aware damage for DOCX/ODT, as in tests/integration/robustness/zipmut.rs: bytes
// changed inside one member's deflated data (offsets stay valid), or the
// inflated XML mutated and repacked into a well-formed zip. A minimal zip
// reader/writer on node:zlib keeps the test free of npm dependencies.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { mutateBytes, mutateInPlace, tokensFor } from './mutate.mjs';

const MAX_MEMBER = 16 * 1024 * 1024;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Central-directory entries: name, method, data offset and compressed size; null if not a zip. */
export function readEntries(zip) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const method = view.getUint16(p + 10, true);
    const size = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const skip = nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
    if (local + 30 > zip.length) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > zip.length) return null;
    entries.push({ name, method, start, size });
    p += 46 + skip;
  }
  return entries;
}

/** The content of one entry (stored or deflated); throws on damaged data. */
export function readMember(zip, entry) {
  const raw = zip.subarray(entry.start, entry.start + entry.size);
  if (entry.method === 0) return raw.slice();
  if (entry.method !== 8) throw new Error('unsupported compression method');
  return new Uint8Array(inflateRawSync(raw, { maxOutputLength: MAX_MEMBER }));
}

/** Write members [{name, bytes, stored}] as a fresh zip. */
export function writeZip(members) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const m of members) {
    const name = new TextEncoder().encode(m.name);
    const data = m.stored ? m.bytes : deflateRawSync(m.bytes);
    const crc = crc32(m.bytes);
    const head = new Uint8Array(30 + name.length);
    const hv = new DataView(head.buffer);
    hv.setUint32(0, 0x04034b50, true);
    hv.setUint16(4, 20, true);
    hv.setUint16(8, m.stored ? 0 : 8, true);
    hv.setUint16(12, 0x21, true); // 1980-01-01
    hv.setUint32(14, crc, true);
    hv.setUint32(18, data.length, true);
    hv.setUint32(22, m.bytes.length, true);
    hv.setUint16(26, name.length, true);
    head.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, m.stored ? 0 : 8, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, m.bytes.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(head, data);
    centrals.push(central);
    offset += head.length + data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The main document part gets most of the damage. */
function weight(name) {
  if (name === 'word/document.xml' || name === 'content.xml') return 8;
  return name.endsWith('.xml') || name.endsWith('.rels') ? 2 : 1;
}

function pickWeighted(items, rng) {
  let r = rng.below(items.reduce((n, it) => n + weight(it.name), 0));
  for (const it of items) {
    if (r < weight(it.name)) return it;
    r -= weight(it.name);
  }
  return null;
}

export function mutateMemberBytes(zip, rng) {
  const entries = readEntries(zip)?.filter((e) => e.size > 0);
  if (!entries?.length) return null;
  const e = pickWeighted(entries, rng);
  const out = zip.slice();
  const what = mutateInPlace(out.subarray(e.start, e.start + e.size), rng);
  return [out, `member ${e.name} deflated bytes: ${what}`];
}

export function mutateRepacked(zip, other, rng) {
  const entries = readEntries(zip);
  if (!entries?.length) return null;
  let members;
  try {
    members = entries
      .filter((e) => !e.name.endsWith('/'))
      .map((e) => {
        return { name: e.name, bytes: readMember(zip, e), stored: e.method === 0 };
      });
  } catch {
    return null;
  }
  let desc;
  if (rng.below(12) === 0 && members.length > 1) {
    const [gone] = members.splice(rng.below(members.length), 1);
    desc = `dropped member ${gone.name}`;
  } else {
    const m = pickWeighted(members, rng);
    const kind = rng.pick(['truncate', 'bitflips', 'overwrite', 'splice', 'duplicate', 'token', 'token']);
    const [bytes, what] = mutateBytes(m.bytes, other, tokensFor('xml'), rng, kind);
    m.bytes = bytes;
    desc = `repacked, member ${m.name}: ${what}`;
  }
  return [new Uint8Array(writeZip(members)), desc];
}
