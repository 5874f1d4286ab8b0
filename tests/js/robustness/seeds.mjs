// The documents the mutations start from, as in tests/integration/robustness/seeds.rs:
// every file under tests/fixtures/, the per-format seeds in
// tests/robustness/seeds/, and the real-world corpus (labels excluded).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function corpusDir() {
  const candidates = [process.env.CVSHIELD_CORPUS, join(repoRoot, '../shared/corpus/realworld')];
  return candidates.find((d) => d && existsSync(d) && statSync(d).isDirectory()) ?? null;
}

export function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

function familyOf(ext) {
  if (ext === 'pdf' || ext === 'rtf') return ext;
  if (ext === 'docx' || ext === 'odt' || ext === 'xml') return 'xml';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  return 'txt';
}

function seed(prefix, base, path) {
  const ext = extname(path).slice(1).toLowerCase();
  const bytes = new Uint8Array(readFileSync(path));
  return { name: `${prefix}/${relative(base, path)}`, bytes, ext, family: familyOf(ext) };
}

/** Expectations, ground truth (.json) and READMEs sit beside the documents but are not inputs. */
function isDocument(path) {
  const name = basename(path).toLowerCase();
  return !name.endsWith('.json') && !name.startsWith('readme');
}

/** All seeds, sorted by name so variant numbering is stable. */
export function collectSeeds() {
  const seeds = [];
  const fixtures = join(repoRoot, 'tests/fixtures');
  for (const p of filesUnder(fixtures).filter(isDocument)) seeds.push(seed('fixtures', fixtures, p));
  const own = join(repoRoot, 'tests/robustness/seeds');
  for (const p of filesUnder(own)) seeds.push(seed('seeds', own, p));
  const corpus = corpusDir();
  if (corpus) {
    for (const p of filesUnder(corpus).filter(isDocument)) seeds.push(seed('corpus', corpus, p));
  }
  return seeds.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
