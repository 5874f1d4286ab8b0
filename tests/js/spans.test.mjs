// The page's span helpers (www/spans.js, documentText in www/render.js): the
// library's UTF-8 byte offsets must land on the right characters of JS strings.
import assert from "node:assert/strict";
import { test } from "node:test";

import { documentText } from "../../www/render.js";
import { outputSpans, segment, utf8ToUtf16 } from "../../www/spans.js";

test("UTF-8 byte offsets map to UTF-16 indices across 1- to 4-byte characters", () => {
  const text = "aé€😀b"; // bytes: 1 + 2 + 3 + 4 + 1
  const at = utf8ToUtf16(text);
  assert.deepEqual([0, 1, 3, 6, 10, 11].map(at), [0, 1, 2, 3, 5, 6]);
  assert.equal(at(-5), 0);
  assert.equal(at(99), text.length);
  assert.equal(at(4), 2, "inside a code point rounds down to its start");
});

test("segment cuts text into plain and marked pieces, dropping overlaps", () => {
  const text = "Jane Müller, jane@example.org";
  const enc = (s) => new TextEncoder().encode(s).length;
  const name = { start: 0, end: enc("Jane Müller"), type: "PERSON" };
  const email = { start: enc("Jane Müller, "), end: enc(text), type: "EMAIL" };
  const overlapping = { start: 2, end: 8, type: "X" };
  const pieces = segment(text, [email, overlapping, name]);
  assert.deepEqual(
    pieces.map((p) => [p.text, p.span?.type ?? null]),
    [["Jane Müller", "PERSON"], [", ", null], ["jane@example.org", "EMAIL"]],
  );
});

test("outputSpans locates replacements in the anonymised text", () => {
  const output = "[NAME], [EMAIL]";
  const redactions = [
    { start: 0, end: 12, outputStart: 0, outputEnd: 6, replacement: "[NAME]", type: "PERSON" },
    { start: 14, end: 30, outputStart: 8, outputEnd: 15, replacement: "[EMAIL]", type: "EMAIL" },
  ];
  const marked = segment(output, outputSpans(redactions)).filter((p) => p.span);
  assert.deepEqual(marked.map((p) => p.text), ["[NAME]", "[EMAIL]"]);
});

test("documentText joins lines with \\n and pages with \\f, like the library's TextView", () => {
  const doc = {
    pages: [
      { lines: [{ text: "One" }, { text: "Two" }] },
      { lines: [{ text: "Three" }] },
      { lines: [] },
    ],
  };
  assert.equal(documentText(doc), "One\nTwo\fThree\f");
  assert.equal(documentText({ pages: [{ lines: [] }, { lines: [{ text: "A" }] }] }), "A\n");
});
