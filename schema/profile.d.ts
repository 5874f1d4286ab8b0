// Generated from schema/profile.schema.json by cvshield (src/profile/schema.rs); do not edit.
// JSON Resume v1 with cvshield's documented extensions.

/**
 * A parsed CV.
 */
export interface Profile {
  basics?: Basics;
  work?: Work[];
  volunteer?: Volunteer[];
  education?: Education[];
  awards?: Award[];
  certificates?: Certificate[];
  publications?: Publication[];
  skills?: Skill[];
  languages?: Language[];
  interests?: Interest[];
  references?: Reference[];
  projects?: Project[];
  meta?: Meta;
}

/**
 * Who the candidate is and how to reach them.
 */
export interface Basics {
  name?: string;
  /**
   * The headline under the name ("Senior Accountant").
   */
  label?: string;
  email?: string;
  phone?: string;
  /**
   * The candidate's own web site (not a social network profile).
   */
  url?: string;
  summary?: string;
  location?: Location;
  profiles?: SocialProfile[];
  /**
   * Extension: every e-mail address found, the primary one first.
   */
  emails?: string[];
  /**
   * Extension: every phone number found, as written, the primary one first.
   */
  phones?: string[];
  /**
   * Extension: every link found (web sites and profiles), as written.
   */
  urls?: string[];
}

export interface Location {
  address?: string;
  postalCode?: string;
  city?: string;
  /**
   * ISO 3166-1 alpha-2, when the CV makes the country clear.
   */
  countryCode?: string;
  /**
   * State, province or region as written ("WA", "Bayern").
   */
  region?: string;
}

/**
 * A social network or code-hosting profile.
 */
export interface SocialProfile {
  network?: string;
  username?: string;
  url?: string;
}

/**
 * One job.
 */
export interface Work {
  /**
   * The employer.
   */
  name?: string;
  /**
   * The job title.
   */
  position?: string;
  location?: string;
  url?: string;
  startDate?: string;
  /**
   * Absent for an open range ("– present").
   */
  endDate?: string;
  summary?: string;
  highlights?: string[];
}

/**
 * One volunteering role.
 */
export interface Volunteer {
  organization?: string;
  position?: string;
  location?: string;
  url?: string;
  startDate?: string;
  endDate?: string;
  summary?: string;
  highlights?: string[];
}

/**
 * One school or course of study.
 */
export interface Education {
  institution?: string;
  url?: string;
  /**
   * The field of study ("Computer Science").
   */
  area?: string;
  /**
   * The degree as written ("Bachelor of Science", "M.Sc.", "Diplom-Ingenieur").
   */
  studyType?: string;
  location?: string;
  startDate?: string;
  endDate?: string;
  /**
   * Grade as written ("3.8 GPA", "1,3", "magna cum laude").
   */
  score?: string;
  courses?: string[];
}

export interface Award {
  title?: string;
  date?: string;
  awarder?: string;
  summary?: string;
}

export interface Certificate {
  name?: string;
  date?: string;
  issuer?: string;
  url?: string;
}

export interface Publication {
  name?: string;
  publisher?: string;
  releaseDate?: string;
  url?: string;
  summary?: string;
}

/**
 * A skill group: "Languages: Rust, Go" gives name "Languages" and two keywords; a plain list
 * gives one group without a name.
 */
export interface Skill {
  name?: string;
  level?: string;
  keywords?: string[];
}

/**
 * A spoken language.
 */
export interface Language {
  language?: string;
  /**
   * As written ("native", "C1", "verhandlungssicher").
   */
  fluency?: string;
}

export interface Interest {
  name?: string;
  keywords?: string[];
}

export interface Reference {
  name?: string;
  /**
   * The rest of the reference as written (role, organisation, contact).
   */
  reference?: string;
}

export interface Project {
  name?: string;
  description?: string;
  highlights?: string[];
  keywords?: string[];
  startDate?: string;
  endDate?: string;
  url?: string;
}

/**
 * How the profile was made. Never holds document content.
 */
export interface Meta {
  /**
   * `pdf`, `docx`, `odt`, `rtf`, `html`, `txt`, `markdown` or `image`.
   */
  sourceFormat?: string;
  /**
   * Set when the text was read from page images by OCR: engine, languages, mean confidence.
   */
  ocr?: OcrInfo;
  pages?: number;
  /**
   * The cvshield version that parsed the document.
   */
  parserVersion?: string;
  /**
   * The models that ran, with their versions.
   */
  models?: ModelInfo[];
  featurizerVersion?: string;
  /**
   * Stable codes of non-fatal problems (extraction warnings included).
   */
  warnings?: string[];
  /**
   * 0..=1 per filled field path (`basics.name`, `work[0].position`).
   */
  confidence?: Record<string, number>;
}

/**
 * How a document's text was read by OCR.
 */
export interface OcrInfo {
  /**
   * The engine and version, e.g. `tesseract 5.3.0`.
   */
  engine: string;
  /**
   * Tesseract language codes it read with.
   */
  languages: string[];
  /**
   * Mean confidence (0–100) of the words kept.
   */
  meanConfidence: number;
}

/**
 * A model that ran (name and version), as every output's `meta.models` records it.
 */
export interface ModelInfo {
  name: string;
  version: string;
}
