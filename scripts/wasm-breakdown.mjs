// Size breakdown of a wasm module by Rust crate, read from its name section.
//
//   node scripts/wasm-breakdown.mjs target/wasm32-unknown-unknown/wasm-release/cvshield.wasm [top]
//
// Each function body in the code section is charged to the crate that its (demangled) name
// starts with: `tract_core::ops::…` → tract_core, `<regex_automata::… as …>::…` → regex_automata,
// `core::ptr::drop_in_place<pdf::…>` → pdf (the type being dropped owns the glue). Data segments
// (the embedded models, tables, strings) are one line. Like twiggy's `top` grouped by crate, but
// with no tool to install: the cargo output keeps the name section (`strip = false`), and the
// published module drops it (wasm-bindgen --remove-name-section), so run this on the former.
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) {
    console.error("usage: wasm-breakdown.mjs MODULE.wasm [top]");
    process.exit(2);
}
const top = Number(topArg ?? 20);
const bytes = readFileSync(file);

let pos = 8; // magic + version
function leb() {
    let result = 0, shift = 0, byte;
    do {
        byte = bytes[pos++];
        result += (byte & 0x7f) * 2 ** shift;
        shift += 7;
    } while (byte & 0x80);
    return result;
}
function name() {
    const len = leb();
    const s = bytes.toString("utf8", pos, pos + len);
    pos += len;
    return s;
}

let importedFunctions = 0;
const bodySizes = [];
const names = new Map();
const sections = new Map();
while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = leb();
    const end = pos + size;
    let label = `section ${id}`;
    if (id === 0) {
        label = `custom "${name()}"`;
        if (label === 'custom "name"') {
            while (pos < end) {
                const sub = bytes[pos++];
                const subSize = leb();
                const subEnd = pos + subSize;
                if (sub === 1) {
                    for (let n = leb(); n > 0; n--) {
                        const index = leb();
                        names.set(index, name());
                    }
                }
                pos = subEnd;
            }
        }
    } else if (id === 2) {
        for (let n = leb(); n > 0; n--) {
            name();
            name();
            const kind = bytes[pos++];
            if (kind === 0) { importedFunctions++; leb(); }
            else if (kind === 1) { pos++; const flags = leb(); leb(); if (flags & 1) leb(); }
            else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
            else if (kind === 3) { pos += 2; }
            else { leb(); }
        }
    } else if (id === 10) {
        label = "code";
        for (let n = leb(); n > 0; n--) {
            const start = pos;
            const body = leb();
            pos += body;
            bodySizes.push(pos - start);
        }
    } else if (id === 11) {
        label = "data segments";
    }
    sections.set(label, (sections.get(label) ?? 0) + size);
    pos = end;
}

/** Rust's legacy symbol mangling (`_ZN<len><ident>…E`) back to a readable path. */
function demangle(sym) {
    if (sym.startsWith("_R")) {
        // v0 mangling (the standard library): the first crate root `C[s<hash>_]<len><ident>`.
        const m = sym.match(/C(?:s[0-9A-Za-z]*_)?(\d+)/);
        if (m) {
            const start = m.index + m[0].length;
            return `${sym.slice(start, start + Number(m[1]))}::`;
        }
        return sym;
    }
    if (!sym.startsWith("_ZN")) return sym;
    const parts = [];
    let i = 3;
    while (i < sym.length && sym[i] !== "E") {
        let len = 0;
        while (sym[i] >= "0" && sym[i] <= "9") len = len * 10 + Number(sym[i++]);
        if (len === 0) break;
        parts.push(sym.slice(i, i + len));
        i += len;
    }
    if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? "")) parts.pop();
    const escapes = { "$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$C$": ",", "$u20$": " ",
                      "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}", "$u7e$": "~" };
    return parts
        .map((p) => p.replace(/^_(?=\$)/, "").replace(/\$[A-Za-z0-9]+\$/g, (e) => escapes[e] ?? e).replaceAll("..", "::"))
        .join("::");
}

/** The crate a function name belongs to. */
function crateOf(fn) {
    if (fn === undefined) return "(unnamed)";
    // wasm-bindgen's describe shims and import stubs (its CLI removes the describe shims).
    if (/^__wb(g|indgen)_/.test(fn)) return "wasm_bindgen (glue)";
    let s = demangle(fn);
    // Drop glue and other generic shims: charge the type they are for.
    const generic = s.match(/^core::ptr::drop_in_place<(.*)>/);
    if (generic) s = generic[1];
    // `<u8 as some_crate::Trait>::f`: a primitive or generic type, the trait's crate owns it.
    const impl = s.match(/^<([^<>]*?) as (.*)/);
    if (impl && !impl[1].includes("::")) s = impl[2];
    s = s.replace(/^(?:[<&*\[\s]|mut |const |dyn )+/, "");
    const m = s.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
    return m ? m[1] : "(other)";
}

const byCrate = new Map();
bodySizes.forEach((size, i) => {
    const crate = crateOf(names.get(importedFunctions + i));
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
});
const code = sections.get("code") ?? 0;
const rows = [...byCrate.entries()].sort((a, b) => b[1] - a[1]);
const pct = (n) => ((100 * n) / bytes.length).toFixed(1).padStart(5);
console.log(`${file}: ${bytes.length} bytes (code ${code}, data ${sections.get("data segments") ?? 0})`);
if (names.size === 0) console.log("  (no name section: build with strip = false and read the cargo output)");
console.log("  bytes      %    crate (function bodies)");
for (const [crate, size] of rows.slice(0, top)) {
    console.log(`  ${String(size).padStart(9)} ${pct(size)}%  ${crate}`);
}
const rest = rows.slice(top).reduce((sum, [, size]) => sum + size, 0);
if (rest > 0) console.log(`  ${String(rest).padStart(9)} ${pct(rest)}%  (${rows.length - top} more crates)`);
for (const [label, size] of sections) {
    if (label !== "code") console.log(`  ${String(size).padStart(9)} ${pct(size)}%  [${label}]`);
}
