// Rendering of results into the page. Everything goes through createElement
// and textContent, never innerHTML, so document content is never interpreted
// as markup.
import { outputSpans, segment } from "./spans.js";

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** The flat text of a Document as the library builds it: lines end in \n, a page break is \f. */
export function documentText(doc) {
  let text = "";
  doc.pages.forEach((page, i) => {
    if (i > 0 && text.length > 0) text = `${text.slice(0, -1)}\f`;
    for (const line of page.lines) text += `${line.text}\n`;
  });
  return text;
}

/** Shown text: page breaks as a blank line. */
export const displayText = (text) => text.replace(/\f/g, "\n\n");

const dateRange = (entry) => {
  const start = entry.startDate ?? "";
  const end = entry.endDate ?? (entry.startDate ? "present" : "");
  return start || end ? `${start} – ${end}` : "";
};

const join = (...parts) => parts.filter((p) => typeof p === "string" && p.trim()).join(", ");

/** A card: title, subtitle, then rows of label/value and bullet lists. */
function card(title, subtitle, rows = [], bullets = []) {
  const list = rows.filter(([, value]) => value !== undefined && value !== null && String(value).trim() !== "");
  return el("article", { class: "card" }, [
    el("h4", { text: title || "—" }),
    subtitle ? el("p", { class: "subtitle", text: subtitle }) : null,
    list.length
      ? el("dl", {}, list.flatMap(([label, value]) => [el("dt", { text: label }), el("dd", { text: String(value) })]))
      : null,
    bullets.length ? el("ul", {}, bullets.map((b) => el("li", { text: String(b) }))) : null,
  ]);
}

function basicsCard(basics) {
  const location = basics.location ?? {};
  const profiles = (basics.profiles ?? []).map((p) => join(p.network, p.username, p.url));
  return card(basics.name, basics.label, [
    ["E-mail", basics.email],
    ["Phone", basics.phone],
    ["Web", basics.url],
    ["Location", join(location.address, location.postalCode, location.city, location.region, location.countryCode)],
    ["Profiles", profiles.join("; ")],
    ["Summary", basics.summary],
  ]);
}

/** One card per entry, per JSON Resume section; unknown sections shown generically. */
const SECTION_CARDS = {
  work: (e) => card(e.position, join(e.name, e.location), [["Dates", dateRange(e)], ["Summary", e.summary]], e.highlights ?? []),
  volunteer: (e) => card(e.position, e.organization, [["Dates", dateRange(e)], ["Summary", e.summary]], e.highlights ?? []),
  education: (e) =>
    card(join(e.studyType, e.area), e.institution, [["Dates", dateRange(e)], ["Score", e.score]], e.courses ?? []),
  skills: (e) => card(e.name, e.level, [["Keywords", (e.keywords ?? []).join(", ")]]),
  languages: (e) => card(e.language, e.fluency),
  certificates: (e) => card(e.name, e.issuer, [["Date", e.date], ["Link", e.url]]),
  awards: (e) => card(e.title, e.awarder, [["Date", e.date], ["Summary", e.summary]]),
  publications: (e) => card(e.name, e.publisher, [["Date", e.releaseDate], ["Link", e.url], ["Summary", e.summary]]),
  projects: (e) => card(e.name, dateRange(e), [["Summary", e.description], ["Link", e.url]], e.highlights ?? []),
  references: (e) => card(e.name, undefined, [["Reference", e.reference]]),
  interests: (e) => card(e.name, undefined, [["Keywords", (e.keywords ?? []).join(", ")]]),
};

const SECTION_TITLES = {
  work: "Experience",
  education: "Education",
  skills: "Skills",
  languages: "Languages",
  certificates: "Certificates",
  projects: "Projects",
  awards: "Awards",
  publications: "Publications",
  volunteer: "Volunteering",
  references: "References",
  interests: "Interests",
};

function genericCard(entry) {
  if (typeof entry !== "object" || entry === null) return card(String(entry));
  const rows = Object.entries(entry)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => [k, v]);
  return card(rows[0]?.[1] !== undefined ? String(rows[0][1]) : "", undefined, rows.slice(1));
}

/** Replace `container`'s content with the profile as cards, section by section. */
export function renderProfile(container, profile) {
  container.replaceChildren();
  if (profile.basics) {
    container.append(el("section", { class: "card-group", "aria-label": "Contact" }, [el("h4", { class: "group", text: "Contact" }), basicsCard(profile.basics)]));
  }
  for (const [key, entries] of Object.entries(profile)) {
    if (key === "basics" || key === "meta" || !Array.isArray(entries) || entries.length === 0) continue;
    const title = SECTION_TITLES[key] ?? key;
    const render = SECTION_CARDS[key] ?? genericCard;
    container.append(
      el("section", { class: "card-group", "aria-label": title }, [el("h4", { class: "group", text: title }), ...entries.map(render)]),
    );
  }
}

const markFor = (span, text, kind) =>
  el("mark", { class: `redaction ${kind}`, title: `${span.type} (${span.detector})`, "data-type": span.type }, [text]);

/**
 * The original text with redacted spans marked, and the anonymised text with
 * its replacements marked (both sides from the library's byte spans).
 */
export function renderRedactions(originalPre, anonymizedPre, originalText, output) {
  const { redactions, text } = output;
  originalPre.replaceChildren(
    ...segment(originalText, redactions).map((p) => (p.span ? markFor(p.span, displayText(p.text), "removed") : displayText(p.text))),
  );
  anonymizedPre.replaceChildren(
    ...segment(text ?? "", outputSpans(redactions)).map((p) => (p.span ? markFor(p.span, displayText(p.text), "inserted") : displayText(p.text))),
  );
}

/** "3 NAME, 2 EMAIL, …" from a counts object. */
export function countsText(counts) {
  const entries = Object.entries(counts ?? {}).filter(([, n]) => n > 0);
  if (entries.length === 0) return "Nothing to redact at this level.";
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return `${total} redaction${total === 1 ? "" : "s"}: ${entries.map(([type, n]) => `${n} ${type}`).join(", ")}`;
}
