// Byte-level damage of a whole file, as in the native robustness test
// (tests/integration/robustness/mutate.rs): truncation, bit flips, overwritten, zeroed,
// spliced and duplicated ranges, and format tokens inserted at random.

const enc = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));

// Tokens that steer parsers into rarely travelled branches (strings are bytes, latin1).
const TOKENS = {
  pdf: [' obj ', 'endobj', 'stream\n', 'endstream', '<<', '>>', '[', ']', ' 1 0 R ', ' 0 0 R ', '-1',
    '99999999999', '/Length 999999999', '/Length -5', 'xref\n0 4294967295\n', 'trailer', 'startxref\n1\n',
    '/Filter /FlateDecode', '/Type /Pages /Kids [1 0 R]', '/Count 2147483647', 'BT', 'ET', ' Tj ', ' TJ ',
    '/F1 1e308 Tf', ' cm ', ' Do ', '(\\', '<FEFF', '/ToUnicode', '/Encrypt', '%%EOF', '/W [0 [', 'beginbfchar'],
  xml: ['<w:p>', '</w:p>', '<w:r><w:t>', '</w:t></w:r>', '<text:p>', '</text:p>', '<text:span>', '&#',
    '&#x110000;', '&amp', '<![CDATA[', ']]>', '<!DOCTYPE a [<!ENTITY e "x">]>', '&e;', '<?xml', '<!--', '-->',
    '"', "='", '<a xmlns:w="">', '</', '/>', '<w:tbl><w:tr><w:tc>', '<w:numPr><w:ilvl w:val="99999999999"/>',
    'w:val="-1"'],
  rtf: ['{', '}', '\\u-1?', '\\u99999999 ', '\\bin999999999 ', "\\'", "\\'zz", '{\\*\\', '\\par ', '\\fs-40 ',
    '\\f99999 ', '{\\fonttbl', '{\\pict ', '\\uc9999 ', '\\\\', '\\field{\\*\\fldinst HYPERLINK ',
    '\\ansicpg99999 ', '\\b ', '\\tab '],
  html: ['<table>', '</table>', '<td>', '<script>', '</script>', '<style>', '<!--', '-->', '&#x110000;',
    '&#99999999999;', '&amp', '<br>', '<li>', '<ul>', '<h1>', '<a href="', '<![CDATA[',
    '<div><div><div><div>', '</div>', '<meta charset="utf-16">', '\xef\xbb\xbf'],
  txt: ['\r', '\n\n\n', '\t', '\xef\xbb\xbf', '\xff\xfe', '\xc3', '\xe2\x80', '\xed\xa0\x80', '# ', '- ', '* ',
    '**', '[x](', '\x00', '\x0c', '\xc2\xa0'],
};
const TOKEN_BYTES = Object.fromEntries(Object.entries(TOKENS).map(([k, v]) => [k, v.map(enc)]));

export function tokensFor(family) {
  return TOKEN_BYTES[family] ?? TOKEN_BYTES.txt;
}

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A random non-empty range of at most maxLen bytes inside 0..len (len > 0). */
function randomRange(len, maxLen, rng) {
  const start = rng.below(len);
  return [start, rng.range(1, Math.min(maxLen, len - start))];
}

function flipBits(data, rng) {
  const flips = rng.range(1, 8);
  for (let i = 0; i < flips; i++) data[rng.below(data.length)] ^= 1 << rng.below(8);
  return `${flips} bit flips`;
}

/** Same-length damage, for bytes inside a zip member whose offsets must stay valid. */
export function mutateInPlace(data, rng) {
  if (data.length === 0) return 'empty';
  const choice = rng.below(3);
  if (choice === 0) return flipBits(data, rng);
  const [start, len] = randomRange(data.length, choice === 1 ? 64 : 256, rng);
  for (let i = start; i < start + len; i++) data[i] = choice === 1 ? rng.byte() : 0;
  return `${choice === 1 ? 'random run' : 'zeroed'} at ${start}+${len}`;
}

export const KINDS = ['truncate', 'bitflips', 'overwrite', 'splice', 'duplicate', 'zero', 'token'];

/** Apply one mutation of `kind` (random if omitted); returns [bytes, description]. */
export function mutateBytes(data, other, tokens, rng, kind = rng.pick(KINDS)) {
  const len = data.length;
  if (len === 0 && kind !== 'token' && kind !== 'splice') return [data.slice(), 'empty'];
  switch (kind) {
    case 'truncate': {
      const at = rng.below(len);
      return [data.slice(0, at), `truncated at ${at}`];
    }
    case 'bitflips': {
      const out = data.slice();
      return [out, flipBits(out, rng)];
    }
    case 'overwrite': {
      const out = data.slice();
      const [start, run] = randomRange(len, 64, rng);
      const fill = rng.below(3);
      for (let k = 0; k < run; k++) {
        out[start + k] = fill === 0 ? rng.byte() : fill === 1 ? 0xff : 0x30 + (9 - (k % 10));
      }
      return [out, `overwrote ${start}+${run} (fill ${fill})`];
    }
    case 'splice': {
      if (other.length === 0) return [data.slice(), 'splice from empty'];
      const [from, chunk] = randomRange(other.length, 4096, rng);
      const at = rng.below(len + 1);
      const replace = rng.below(2) === 0;
      const end = replace ? Math.min(at + chunk, len) : at;
      const out = concat(data.subarray(0, at), other.subarray(from, from + chunk), data.subarray(end));
      return [out, `spliced other ${from}+${chunk} at ${at} (replace ${replace})`];
    }
    case 'duplicate': {
      const [start, run] = randomRange(len, 2048, rng);
      const at = rng.below(len + 1);
      const times = rng.range(1, 4);
      const copies = Array.from({ length: times }, () => data.subarray(start, start + run));
      return [concat(data.subarray(0, at), ...copies, data.subarray(at)), `duplicated ${start}+${run} x${times} at ${at}`];
    }
    case 'zero': {
      const out = data.slice();
      const [start, run] = randomRange(len, 1024, rng);
      out.fill(0, start, start + run);
      return [out, `zeroed ${start}+${run}`];
    }
    default: {
      let out = data;
      const count = rng.range(1, 6);
      for (let i = 0; i < count; i++) {
        const at = rng.below(out.length + 1);
        out = concat(out.subarray(0, at), rng.pick(tokens), out.subarray(at));
      }
      return [out, `inserted ${count} tokens`];
    }
  }
}
