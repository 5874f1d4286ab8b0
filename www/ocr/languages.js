// The languages the page can read scans in, with their names, and the page's
// choice of them (a checkbox each): the package's default set (cvshield's
// supported languages, as tesseract codes). Their trained data is served from
// this origin (scripts/ocr-assets.mjs). All are ticked by default, so a CV in any of them reads well; a user who knows the
// language can untick the rest, which halves the time per page (bench/ocr-page.mjs).
import { OCR_LANGUAGES as CODES } from "../pkg/ocr.js";

const NAMES = {
  eng: "English",
  deu: "German",
  fra: "French",
  spa: "Spanish",
  ita: "Italian",
  nld: "Dutch",
  por: "Portuguese",
  pol: "Polish",
};

export const OCR_LANGUAGES = CODES.map((code) => ({ code, name: NAMES[code] ?? code }));

/** A ticked checkbox per language in `fieldset`. */
export function wireLanguages(fieldset) {
  for (const { code, name } of OCR_LANGUAGES) {
    const label = document.createElement("label");
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: code, checked: true });
    label.append(box, ` ${name}`);
    fieldset.append(label);
  }
}

/** The languages ticked in `fieldset`; none ticked means all. */
export function chosenLanguages(fieldset) {
  const ticked = [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
  return ticked.length > 0 ? ticked : OCR_LANGUAGES.map(({ code }) => code);
}
