// Render a JSON Resume document with an installed theme: node render.mjs THEME resume.json out.html
// Themes are CommonJS or ES modules; both export render(resume) returning HTML (or a promise).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const [theme, input, output] = process.argv.slice(2);
const require = createRequire(import.meta.url);
let mod;
try {
  mod = require(`jsonresume-theme-${theme}`);
} catch {
  mod = await import(`jsonresume-theme-${theme}`);
}
const render = mod.render || (mod.default && mod.default.render);
const html = await render(JSON.parse(readFileSync(input, "utf8")));
writeFileSync(output, html);
