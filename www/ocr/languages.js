// The languages the page can read scans in, with their names: the package's
// default set (cvshield's supported languages, as tesseract codes). Their
// trained data is served from this origin (scripts/ocr-assets.mjs). All are
// ticked by default, so a CV in any of them reads well; a user who knows the
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
