// Spans from the library point into the document's flat text as UTF-8 byte
// offsets (see src/text_view.rs); JavaScript strings index UTF-16 code units.
// This converts between the two and cuts a text into plain and marked pieces.

/** A function mapping a UTF-8 byte offset in `text` to a UTF-16 index (clamped to the text). */
export function utf8ToUtf16(text) {
  const byteStarts = []; // UTF-8 offset of each UTF-16 index that starts a code point
  const indexAt = new Map();
  let bytes = 0;
  let index = 0;
  for (const ch of text) {
    indexAt.set(bytes, index);
    byteStarts.push(bytes);
    const cp = ch.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += ch.length;
  }
  indexAt.set(bytes, index);
  return (offset) => {
    if (offset <= 0) return 0;
    if (offset >= bytes) return text.length;
    const exact = indexAt.get(offset);
    if (exact !== undefined) return exact;
    // Inside a code point (should not happen): round down to its start.
    let lo = 0;
    let hi = byteStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byteStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return indexAt.get(byteStarts[lo]);
  };
}

/**
 * Cut `text` into pieces by `spans` ({start, end} as UTF-8 byte offsets, any
 * order, overlaps dropped): [{text, span}] where span is null for plain text.
 */
export function segment(text, spans) {
  const toIndex = utf8ToUtf16(text);
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces = [];
  let at = 0;
  for (const span of sorted) {
    const start = toIndex(span.start);
    const end = toIndex(span.end);
    if (start < at || end <= start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), span: null });
    pieces.push({ text: text.slice(start, end), span });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), span: null });
  return pieces;
}

/**
 * Redactions as spans of the anonymised text: each redaction's
 * outputStart/outputEnd locate its replacement there.
 */
export const outputSpans = (redactions) =>
  redactions.map((r) => ({ ...r, start: r.outputStart, end: r.outputEnd }));
