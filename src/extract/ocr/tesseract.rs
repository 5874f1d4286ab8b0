//! Native OCR through Debian's `tesseract` (the `tesseract-ocr` package and its language packs).
//!
//! Each page image is piped to `tesseract stdin stdout -l LANGS --dpi N tsv` (its output kept by
//! [`super::cache`] when `CVSHIELD_OCR_CACHE` is set) and its TSV
//! (one row per word at level 5, with box and confidence) becomes an [`OcrPage`]. The engine
//! runs single-threaded (`OMP_THREAD_LIMIT=1`): batches run documents in parallel already.
//! A run that passes `limits.maxOcrMillis` (for the whole document) is killed and the call fails
//! with `limit_exceeded`; an engine that is missing fails with `no_text_layer`, saying what to
//! install, since the document's text cannot be read without it.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::document::BBox;
use crate::error::{Error, Result};
use crate::limits::Limits;

use super::cache::OcrCache;
use super::page_image::PageImage;
use super::types::{OcrPage, OcrResult, OcrWord};

/// The languages read by default: those of the CVs the parser knows.
pub const DEFAULT_LANGUAGES: &str = "eng+deu+fra+spa+por+ita";
/// The command run; `CVSHIELD_TESSERACT` names another.
const COMMAND_ENV: &str = "CVSHIELD_TESSERACT";

fn command() -> String {
    std::env::var(COMMAND_ENV).unwrap_or_else(|_| "tesseract".to_string())
}

fn missing() -> Error {
    Error::no_text_layer(
        "reading a scan needs OCR, and tesseract was not found; install it (Debian: apt-get install tesseract-ocr and the tesseract-ocr-LANG packs) or use the page, which reads scans on the device",
    )
}

/// Language codes (`eng+deu`) split and checked: letters, digits and `_` only.
pub fn parse_languages(spec: &str) -> Result<Vec<String>> {
    let langs: Vec<String> = spec.split('+').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
    let valid = |l: &String| l.len() <= 32 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if langs.is_empty() || !langs.iter().all(valid) {
        return Err(Error::unsupported("OCR languages are tesseract codes joined by '+', e.g. eng+deu"));
    }
    Ok(langs)
}

/// `tesseract X.Y.Z` as the engine reports itself, or the missing-engine error.
pub fn engine() -> Result<String> {
    static VERSION: OnceLock<Option<String>> = OnceLock::new();
    VERSION
        .get_or_init(|| {
            let out = Command::new(command()).arg("--version").output().ok()?;
            let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            text.lines().find(|l| l.starts_with("tesseract ")).map(|l| l.trim().to_string())
        })
        .clone()
        .ok_or_else(missing)
}

/// OCR every page image, within `limits.maxOcrMillis` for all of them. With several
/// `languages` the first page is read once with one of them (English when offered) to find the
/// document's language ([`super::language::guess`]), and the pages are read with that one
/// first and the probe's second; when none is clear, with all of them.
pub fn recognize(images: &[PageImage], languages: &[String], limits: &Limits) -> Result<OcrResult> {
    let engine = engine()?;
    let deadline = Instant::now() + Duration::from_millis(limits.max_ocr_millis);
    // Dark bands inverted first ([`super::polarity`]); boxes and strokes are then read in the
    // image the engine read, which has the page's size.
    let lightened: Vec<Option<PageImage>> = images.iter().map(|i| super::polarity::for_engine(i, limits)).collect();
    let images: Vec<&PageImage> = images.iter().zip(&lightened).map(|(i, l)| l.as_ref().unwrap_or(i)).collect();
    let mut chosen = languages.to_vec();
    let mut first: Option<OcrPage> = None;
    if let (Some(image), true) = (images.first(), languages.len() > 1) {
        let probe = languages.iter().find(|l| *l == "eng").unwrap_or(&languages[0]).clone();
        let page = read_page(image, std::slice::from_ref(&probe), &engine, deadline)?;
        let text: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
        if let Some(found) = super::language::guess(&text.join(" "), languages) {
            // English second: CVs in other languages still hold English words, and its model
            // reads the '@' of e-mail addresses that some others take for "(D".
            chosen = vec![found.to_string()];
            if found != probe {
                chosen.push(probe.clone());
            }
            if found == probe {
                first = Some(page);
            }
        }
    }
    let mut pages = Vec::with_capacity(images.len());
    for (i, image) in images.iter().enumerate() {
        match first.take().filter(|_| i == 0) {
            Some(page) => pages.push(page),
            None => pages.push(read_page(image, &chosen, &engine, deadline)?),
        }
    }
    for (page, image) in pages.iter_mut().zip(images) {
        super::stroke::measure(page, &image.bytes, limits);
    }
    Ok(OcrResult { pages, languages: chosen, engine })
}

fn read_page(image: &PageImage, languages: &[String], engine: &str, deadline: Instant) -> Result<OcrPage> {
    let tsv = cached_run(image, languages, engine, deadline)?;
    Ok(OcrPage { number: image.page, width: image.width, height: image.height, dpi: image.dpi, words: parse_tsv(&tsv) })
}

/// Sauvola's local threshold: the global default drops light-gray text (a contact block in
/// #A0A0A0 vanished); on the fixtures it reads as much or more everywhere.
const SETTINGS: [&str; 2] = ["-c", "thresholding_method=2"];

/// [`run`]'s output, from the cache ([`super::cache`]) when it is on and holds it.
fn cached_run(image: &PageImage, languages: &[String], engine: &str, deadline: Instant) -> Result<String> {
    let Some(cache) = OcrCache::from_env() else { return run(image, languages, deadline) };
    let (langs, dpi, settings) = (languages.join("+"), dpi(image), SETTINGS.join(" "));
    let key: [&[u8]; 5] = [&image.bytes, langs.as_bytes(), engine.as_bytes(), dpi.as_bytes(), settings.as_bytes()];
    if let Some(tsv) = cache.get(&key) {
        return Ok(tsv);
    }
    let tsv = run(image, languages, deadline)?;
    cache.put(&key, &tsv);
    Ok(tsv)
}

fn dpi(image: &PageImage) -> String {
    image.dpi.round().clamp(50.0, 1200.0).to_string()
}

/// One tesseract run on one image; its TSV output.
fn run(image: &PageImage, languages: &[String], deadline: Instant) -> Result<String> {
    let mut child = Command::new(command())
        .args(["stdin", "stdout", "-l", &languages.join("+"), "--dpi", &dpi(image)])
        .args(SETTINGS)
        .arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| missing())?;
    // Feed and drain on threads so neither pipe can fill and stall the engine.
    let mut stdin = child.stdin.take();
    let bytes = image.bytes.clone();
    let writer = std::thread::spawn(move || {
        if let Some(pipe) = stdin.as_mut() {
            let _ = pipe.write_all(&bytes);
        }
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut out);
            }
            out
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let status = wait_until(&mut child, deadline)?;
    let _ = writer.join();
    let out = stdout.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
    if !status {
        if err.contains("Failed loading language") || err.contains("Error opening data file") {
            return Err(Error::unsupported(
                "a requested OCR language is not installed (Debian: apt-get install tesseract-ocr-LANG); see --ocr-lang",
            ));
        }
        return Err(Error::malformed("OCR could not read the page image; it may be damaged"));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Wait for the child until `deadline`, killing it past it; whether it succeeded.
pub(super) fn wait_until(child: &mut Child, deadline: Instant) -> Result<bool> {
    let mut pause = Duration::from_millis(5);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status.success()),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::limit(
                    "OCR took longer than its time limit (limits.maxOcrMillis; --max-ocr-millis on the command line)",
                ));
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(_) => return Ok(false),
        }
    }
}

/// The words (level 5 rows) of tesseract's TSV; rows that do not parse are skipped.
pub fn parse_tsv(tsv: &str) -> Vec<OcrWord> {
    tsv.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.splitn(12, '\t').collect();
            if cols.len() < 12 || cols[0] != "5" {
                return None;
            }
            let num = |i: usize| cols[i].trim().parse::<f32>().ok().filter(|v| v.is_finite());
            let (left, top, width, height, confidence) = (num(6)?, num(7)?, num(8)?, num(9)?, num(10)?);
            let text = cols[11].trim();
            (!text.is_empty()).then(|| OcrWord {
                text: text.to_string(),
                bbox: BBox { x0: left, y0: top, x1: left + width, y1: top + height },
                confidence,
                stroke: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   4\t1\t1\t1\t1\t0\t48\t58\t686\t38\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t48\t59\t87\t37\t96.6\tJane\n\
                   5\t1\t1\t1\t1\t2\t153\t59\t74\t29\t93.0\t \n\
                   5\t1\t1\t1\t1\t3\tx\t59\t74\t29\t93.0\tbad\n\
                   5\t1\t1\t1\t1\t4\t253\t58\t481\t38\t88.7\tjane.doe@example.com\n";
        let words = parse_tsv(tsv);
        assert_eq!(words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(), ["Jane", "jane.doe@example.com"]);
        assert_eq!(words[0].bbox, BBox { x0: 48.0, y0: 59.0, x1: 135.0, y1: 96.0 });
        assert_eq!(words[0].confidence, 96.6);
    }

    #[test]
    fn languages_are_checked() {
        assert_eq!(parse_languages("eng+deu").unwrap(), ["eng", "deu"]);
        assert!(parse_languages("eng;rm -rf").is_err());
        assert!(parse_languages("").is_err());
    }
}
