// The languages the page can read scans in: cvshield's supported languages,
// as tesseract codes (their trained data is served from this origin, see
// scripts/ocr-assets.mjs). All are on by default: recognising with the eight
// costs little more time per page than with one.
export const OCR_LANGUAGES = [
  { code: "eng", name: "English" },
  { code: "deu", name: "German" },
  { code: "fra", name: "French" },
  { code: "spa", name: "Spanish" },
  { code: "ita", name: "Italian" },
  { code: "nld", name: "Dutch" },
  { code: "por", name: "Portuguese" },
  { code: "pol", name: "Polish" },
];
