// The npm package as a user installs it: `npm pack` pkg/, install the
// tarball into a fresh project (offline: the package has no dependencies),
// call it from Node through the package name, and type-check a TypeScript
// consumer against the installed types with `strict`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { ROOT, crateVersion } from "./fixtures.mjs";

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];
let dir, project, packed;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cvshield-pack-"));
  [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir, ...NPM_QUIET], path.join(ROOT, "pkg")));
  project = path.join(dir, "project");
  run("mkdir", ["-p", project]);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", path.join(dir, packed.filename), "--offline", ...NPM_QUIET], project);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the tarball holds the entry points, types, glue and wasm and nothing else", () => {
  assert.equal(packed.name, "cvshield");
  assert.equal(packed.version, crateVersion());
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "README.md",
    "api.js",
    "cvshield.d.ts",
    "cvshield.js",
    "cvshield_bg.wasm",
    "cvshield_bg.wasm.d.ts",
    "index.d.ts",
    "index.js",
    "node.js",
    "ocr.js",
    "package.json",
    "profile.d.ts",
    "worker.js",
  ]);
});

test("installing it does not install the optional OCR engine", () => {
  assert.equal(existsSync(path.join(project, "node_modules/cvshield/ocr.js")), true);
  assert.equal(existsSync(path.join(project, "node_modules/tesseract.js")), false, "tesseract.js is an optional peer dependency");
});

test("the installed package reads a CV from Node by its name", () => {
  const fixtureDir = path.join(ROOT, "tests/fixtures/wasm");
  writeFileSync(
    path.join(project, "main.mjs"),
    `import { readFileSync } from "node:fs";
import { anonymize, extract, extractSync, parse, version } from "cvshield";
const bytes = readFileSync(${JSON.stringify(path.join(fixtureDir, "hello.pdf"))});
const fromBlob = await extract(new Blob([bytes]));
const fromBytes = extractSync(new Uint8Array(bytes));
let code;
try { await extract(new Uint8Array([0x89, 0x50, 0x4e, 0x47])); } catch (error) { code = error.code; }
const cv = new TextEncoder().encode("Jane Example\\njane@example.org\\n");
const profile = await parse(cv);
const anonymized = await anonymize(new Blob([cv]), { level: "basic" });
console.log(JSON.stringify({ version: version(), blob: fromBlob.pages[0].lines[0].text,
  bytes: fromBytes.pages[0].lines[0].text, code, email: profile.basics.email,
  leaked: anonymized.text.includes("jane@example.org") }));
`,
  );
  const out = JSON.parse(run("node", ["main.mjs"], project));
  assert.deepEqual(out, {
    version: crateVersion(),
    blob: "Hello PDF from cvshield",
    bytes: "Hello PDF from cvshield",
    code: "unsupported_format",
    email: "jane@example.org",
    leaked: false,
  });
});

test("a strict TypeScript consumer type-checks against the installed types", () => {
  writeFileSync(
    path.join(project, "consumer.ts"),
    `import init, { anonymize, extract, extractSync, parse, version, models, pageImages, recognize, type Document, type CvshieldError, type Input,
  type Profile, type Anonymized, type Redaction, type ProfileTypes, type OcrResult, type PageImage } from "cvshield";
async function scanned(file: File, signal: AbortSignal): Promise<Profile> {
  const images: PageImage[] = await pageImages(file, { hint: file.name });
  const ocr: OcrResult = await recognize(file, { languages: ["eng", "deu"], signal, onProgress: (page, fraction) => void [page + fraction, images] });
  return parse(file, { hint: file.name, ocr });
}
async function structured(file: Blob): Promise<string[]> {
  const profile: Profile = await parse(file, { useModel: false });
  const work: ProfileTypes.Work[] = profile.work ?? [];
  const out: Anonymized = await anonymize(profile, { level: "thorough", operators: { PERSON: "pseudonym" } });
  const spans: Redaction[] = (await anonymize("Jane, jane@example.org", { key: new Uint8Array(32) })).redactions;
  return [...work.map((w) => w.name ?? ""), out.meta.level, ...spans.map((r) => r.type)];
}
async function main(file: Blob): Promise<string> {
  await init();
  const input: Input = file;
  const doc: Document = await extract(input, { hint: "cv.md", limits: { maxPages: 3 } });
  const sync: Document = extractSync(new Uint8Array(0));
  const kinds: string[] = models().map((m) => m.kind);
  try { await extract(file); } catch (error) { const code: string = (error as CvshieldError).code; kinds.push(code); }
  return version() + doc.pages.length + sync.format + kinds.join();
}
// Wrong uses must not type-check: each line below is an expected error.
// @ts-expect-error a string is not an input
extract("cv.pdf");
// @ts-expect-error a Blob needs the async form
extractSync(new Blob([]));
// @ts-expect-error limits are numbers
extract(new Uint8Array(0), { limits: { maxPages: "3" } });
// @ts-expect-error there is no such level
anonymize(new Uint8Array(0), { level: "extreme" });
// @ts-expect-error parse takes no text
parse("Jane Example");
// @ts-expect-error ocr is an OcrResult, not a flag
parse(new Uint8Array(0), { ocr: true });
export { main, scanned, structured };
`,
  );
  writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2022", "dom"],
        skipLibCheck: false,
        types: [],
      },
      files: ["consumer.ts"],
    }),
  );
  const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
  try {
    run("node", [tsc, "-p", "tsconfig.json"], project);
  } catch (error) {
    assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
  }
});

test("the package README documents every exported function", () => {
  const readme = readFileSync(path.join(ROOT, "pkg/README.md"), "utf8");
  const dts = readFileSync(path.join(project, "node_modules/cvshield/index.d.ts"), "utf8");
  const names = [...dts.matchAll(/^export (?:default )?function (\w+)/gm)].map((m) => m[1]);
  assert.ok(names.length >= 6);
  for (const name of names) assert.match(readme, new RegExp(`\\b${name}\\(`), name);
});
