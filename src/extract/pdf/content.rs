//! The content-stream interpreter: text state machine → placed glyphs.
//!
//! Follows the PDF text model (ISO 32000 §9.4): text matrix, line matrix,
//! Tc/Tw/Tz/TL/Ts, Tf, TJ kerning, the CTM with q/Q and cm, and Form
//! XObjects with their own matrix and resources. Only what affects where
//! text lands is modelled; paths, colours and images are skipped. Every
//! operator and every decoded glyph is charged to the budget.

use super::fonts::Font;
use super::glyph::Glyph;
use super::lexer::{Lexer, Operand};
use super::objects::{as_dict, dict_entry, name, numbers, resolve_opt, stream_data};
use crate::error::{ErrorCode, Result};
use crate::limits::Budget;
use pdf::object::{PlainRef, Resolve};
use pdf::primitive::{Dictionary, Primitive};
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest q nesting honoured; deeper saves are dropped (their Q too).
const MAX_SAVE_DEPTH: usize = 256;

/// Form XObject nesting is also capped here, whatever `limits.maxNesting`
/// says, because each level is a native stack frame (wasm stacks are small).
const MAX_FORM_DEPTH: usize = 32;

/// An affine matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` applied first, then `other`.
    pub fn then(&self, other: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        let values: Vec<f32> = ops.iter().filter_map(Operand::number).collect();
        let m: [f32; 6] = values.get(values.len().checked_sub(6)?..)?.try_into().ok()?;
        Some(Matrix(m))
    }

    fn is_finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
    render_mode: i32,
}

/// Glyphs collected from one page, split by visibility.
#[derive(Default)]
pub struct PageText {
    pub visible: Vec<Glyph>,
    /// Render mode 3/7 text (e.g. an OCR layer over a scan).
    pub invisible: Vec<Glyph>,
    pub warnings: Vec<&'static str>,
}

/// Which content stream drew something: the page's own (its streams joined) or a Form XObject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamKey {
    Page,
    /// `None` when the form is a direct object (it cannot be rewritten on its own).
    Form(Option<PlainRef>),
}

/// Where a glyph's code sits in its content stream, so a redactor can cut exactly that code out.
#[derive(Debug, Clone)]
pub struct GlyphSource {
    pub glyph: Glyph,
    /// False for render modes 3 and 7 (invisible text, e.g. an OCR layer over a scan).
    pub visible: bool,
    pub stream: StreamKey,
    /// Byte offset just past the text-showing operator in the (decoded) stream.
    pub op_end: usize,
    /// Index of the string among a TJ array's items (0 for Tj, ' and ").
    pub item: usize,
    /// Byte range of the code within that string.
    pub code: (usize, usize),
    /// The code's advance as a TJ number (thousandths of the font size): a TJ adjustment of this
    /// value moves the pen exactly as drawing the code did.
    pub adjust: f32,
}

/// An image XObject drawn on the page.
#[derive(Debug, Clone)]
pub struct ImageUse {
    pub stream: StreamKey,
    pub op_end: usize,
    /// Box in page space (top-left origin), from the CTM at the `Do`.
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub reference: Option<PlainRef>,
}

/// Everything a redactor needs besides the glyphs: filled only when tracing is on.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub glyphs: Vec<GlyphSource>,
    pub images: Vec<ImageUse>,
}

/// Interprets the content of one page (and the forms it draws).
pub struct Interpreter<'r, R: Resolve> {
    resolver: &'r R,
    fonts: &'r mut HashMap<PlainRef, Rc<Font>>,
    out: PageText,
    seq: u32,
    page_box: (f32, f32),
    trace: Option<Trace>,
    /// The stream being run and the end of the operator being executed (for the trace).
    stream: StreamKey,
    op_end: usize,
    /// The string item and code being shown, with its advance as a TJ number.
    code_at: (usize, (usize, usize), f32),
}

impl<'r, R: Resolve> Interpreter<'r, R> {
    pub fn new(resolver: &'r R, fonts: &'r mut HashMap<PlainRef, Rc<Font>>, width: f32, height: f32) -> Self {
        Interpreter {
            resolver,
            fonts,
            out: PageText::default(),
            seq: 0,
            page_box: (width, height),
            trace: None,
            stream: StreamKey::Page,
            op_end: 0,
            code_at: (0, (0, 0), 0.0),
        }
    }

    /// Record where every glyph and image comes from (see [`Trace`]).
    pub fn with_trace(mut self) -> Self {
        self.trace = Some(Trace::default());
        self
    }

    pub fn finish(self) -> PageText {
        self.out
    }

    /// The text and, when tracing was on, the trace.
    pub fn finish_traced(self) -> (PageText, Option<Trace>) {
        (self.out, self.trace)
    }

    /// Run a content stream with `resources`, starting from `ctm`.
    pub fn run(
        &mut self,
        data: &[u8],
        resources: &Dictionary,
        ctm: Matrix,
        depth: usize,
        budget: &mut Budget,
    ) -> Result<()> {
        budget.nesting(depth)?;
        if depth > MAX_FORM_DEPTH {
            return Err(crate::error::Error::limit(format!(
                "the PDF nests drawings deeper than {MAX_FORM_DEPTH} levels"
            )));
        }
        let mut state = GraphicsState {
            ctm,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        };
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut dropped_saves = 0usize;
        let mut text_matrix = Matrix::IDENTITY;
        let mut line_matrix = Matrix::IDENTITY;
        let mut local_fonts: HashMap<Vec<u8>, Rc<Font>> = HashMap::new();
        let mut operands: Vec<Operand> = Vec::new();
        let mut lexer = Lexer::new(data);

        while let Some(op) = lexer.next_operator(&mut operands, budget)? {
            self.op_end = lexer.position();
            let nums = |n: usize| -> Option<Vec<f32>> {
                let vals: Vec<f32> = operands.iter().rev().take(n).filter_map(Operand::number).collect();
                (vals.len() == n).then(|| vals.into_iter().rev().collect())
            };
            match op.as_slice() {
                b"q" => {
                    if stack.len() < MAX_SAVE_DEPTH {
                        stack.push(state.clone());
                    } else {
                        dropped_saves += 1;
                    }
                }
                b"Q" => {
                    if dropped_saves > 0 {
                        dropped_saves -= 1;
                    } else if let Some(saved) = stack.pop() {
                        state = saved;
                    }
                }
                b"cm" => {
                    if let Some(m) = Matrix::from_operands(&operands).filter(Matrix::is_finite) {
                        state.ctm = m.then(&state.ctm);
                    }
                }
                b"BT" => {
                    text_matrix = Matrix::IDENTITY;
                    line_matrix = Matrix::IDENTITY;
                }
                b"ET" => {}
                b"Tc" => set(&mut state.char_spacing, nums(1)),
                b"Tw" => set(&mut state.word_spacing, nums(1)),
                b"Tz" => {
                    if let Some(v) = nums(1) {
                        state.horizontal_scale = v[0] / 100.0;
                    }
                }
                b"TL" => set(&mut state.leading, nums(1)),
                b"Ts" => set(&mut state.rise, nums(1)),
                b"Tr" => {
                    if let Some(v) = nums(1) {
                        state.render_mode = v[0] as i32;
                    }
                }
                b"Tf" => {
                    if let Some(v) = nums(1) {
                        state.font_size = v[0];
                    }
                    let font_name = operands.iter().rev().find_map(|o| match o {
                        Operand::Name(n) => Some(n.clone()),
                        _ => None,
                    });
                    if let Some(font_name) = font_name {
                        state.font = Some(self.font(resources, &font_name, &mut local_fonts, budget)?);
                    }
                }
                b"Td" | b"TD" => {
                    if let Some(v) = nums(2) {
                        if op == b"TD" {
                            state.leading = -v[1];
                        }
                        line_matrix = Matrix([1.0, 0.0, 0.0, 1.0, v[0], v[1]]).then(&line_matrix);
                        text_matrix = line_matrix;
                    }
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_operands(&operands).filter(Matrix::is_finite) {
                        text_matrix = m;
                        line_matrix = m;
                    }
                }
                b"T*" => {
                    line_matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -state.leading]).then(&line_matrix);
                    text_matrix = line_matrix;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        if let Some(v) = nums(3).or_else(|| {
                            // aw ac string: the numbers precede the string.
                            let vals: Vec<f32> = operands.iter().filter_map(Operand::number).collect();
                            (vals.len() >= 2).then(|| vals[vals.len() - 2..].to_vec())
                        }) {
                            let n = v.len();
                            state.word_spacing = v[n - 2];
                            state.char_spacing = v[n - 1];
                        }
                    }
                    if op != b"Tj" {
                        line_matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -state.leading]).then(&line_matrix);
                        text_matrix = line_matrix;
                    }
                    if let Some(Operand::Str(bytes)) = operands.iter().rev().find(|o| matches!(o, Operand::Str(_))) {
                        self.show(bytes, 0, &state, &mut text_matrix, budget)?;
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.last() {
                        for (index, item) in items.iter().enumerate() {
                            match item {
                                Operand::Str(bytes) => self.show(bytes, index, &state, &mut text_matrix, budget)?,
                                Operand::Number(n) if n.is_finite() => {
                                    let shift = -n / 1000.0 * state.font_size;
                                    let (tx, ty) = if state.font.as_ref().is_some_and(|f| f.vertical) {
                                        (0.0, shift)
                                    } else {
                                        (shift * state.horizontal_scale, 0.0)
                                    };
                                    text_matrix = Matrix([1.0, 0.0, 0.0, 1.0, tx, ty]).then(&text_matrix);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(xobject)) = operands.last() {
                        self.draw_xobject(resources, xobject, state.ctm, depth, budget)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn font(
        &mut self,
        resources: &Dictionary,
        font_name: &[u8],
        local: &mut HashMap<Vec<u8>, Rc<Font>>,
        budget: &mut Budget,
    ) -> Result<Rc<Font>> {
        if let Some(font) = local.get(font_name) {
            return Ok(font.clone());
        }
        let r = self.resolver;
        let fonts = dict_entry(r, resources, "Font", budget)?.unwrap_or_default();
        let key = String::from_utf8_lossy(font_name);
        let entry = fonts.get(&key).cloned();
        let reference = match &entry {
            Some(Primitive::Reference(reference)) => Some(*reference),
            _ => None,
        };
        if let Some(font) = reference.and_then(|rf| self.fonts.get(&rf)) {
            let font = font.clone();
            local.insert(font_name.to_vec(), font.clone());
            return Ok(font);
        }
        let dict = resolve_opt(r, entry.as_ref(), budget)?.and_then(as_dict);
        let font = match dict {
            Some(d) => match Font::load(r, &d, budget) {
                Ok(f) => f,
                Err(e) if e.code == ErrorCode::LimitExceeded => return Err(e),
                Err(_) => Font::fallback(),
            },
            None => Font::fallback(),
        };
        for w in &font.warnings {
            if !self.out.warnings.contains(w) {
                self.out.warnings.push(w);
            }
        }
        let font = Rc::new(font);
        if let Some(rf) = reference {
            self.fonts.insert(rf, font.clone());
        }
        local.insert(font_name.to_vec(), font.clone());
        Ok(font)
    }

    /// Show a string: one glyph per code, advancing the text matrix.
    fn show(
        &mut self,
        bytes: &[u8],
        item: usize,
        state: &GraphicsState,
        text_matrix: &mut Matrix,
        budget: &mut Budget,
    ) -> Result<()> {
        let Some(font) = state.font.clone() else { return Ok(()) };
        let size = state.font_size;
        let th = state.horizontal_scale;
        let mut at = 0usize;
        for code in font.decode(bytes, budget)? {
            let code_range = (at, at.saturating_add(code.bytes).min(bytes.len()));
            at = code_range.1;
            let spacing = state.char_spacing + if code.is_word_space { state.word_spacing } else { 0.0 };
            let (glyph_advance, tx, ty) = if font.vertical {
                (size, 0.0, -(size + spacing))
            } else {
                let w = code.width * size;
                (w * th, (w + spacing) * th, 0.0)
            };
            let to_page = text_matrix.then(&state.ctm);
            if self.trace.is_some() {
                let along = if font.vertical { ty } else { tx / th };
                let adjust = if size != 0.0 && th != 0.0 { -along / size * 1000.0 } else { f32::NAN };
                self.code_at = (item, code_range, adjust);
            }
            // Whitespace codes (space, NBSP, tab) become one " " glyph so
            // layout sees explicit spaces as well as gaps.
            if !code.text.trim().is_empty() {
                self.emit(&code.text, &font, state, &to_page, glyph_advance, budget)?;
            } else if !code.text.is_empty() {
                self.emit(" ", &font, state, &to_page, glyph_advance, budget)?;
            }
            *text_matrix = Matrix([1.0, 0.0, 0.0, 1.0, tx, ty]).then(text_matrix);
        }
        Ok(())
    }

    fn emit(
        &mut self,
        text: &str,
        font: &Font,
        state: &GraphicsState,
        to_page: &Matrix,
        advance: f32,
        budget: &mut Budget,
    ) -> Result<()> {
        budget.spend(2)?;
        let rise = state.rise;
        let (x0, y0) = to_page.apply(0.0, rise);
        let (x1, y1) = if font.vertical { to_page.apply(0.0, rise - advance) } else { to_page.apply(advance, rise) };
        let (ux, uy) = to_page.apply(0.0, rise + state.font_size);
        let up = (ux - x0, uy - y0);
        let size = (up.0 * up.0 + up.1 * up.1).sqrt();
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && size.is_finite()) {
            return Ok(());
        }
        let (dx, dy) = (x1 - x0, y1 - y0);
        // Left-to-right on the page, not mirrored (up points up, i.e. -y).
        let upright = !font.vertical && dx >= 0.0 && dy.abs() <= 0.1 * dx.abs().max(0.01) && up.1 < 0.0;
        // Drop text placed far off the page (hidden or clipped away).
        let (w, h) = self.page_box;
        let margin = 2.0 * size.max(1.0);
        if x0 < -margin || x0 > w + margin || y0 < -margin || y0 > h + margin {
            return Ok(());
        }
        let scale_x = if advance.abs() > 0.0 { (dx * dx + dy * dy).sqrt() / advance.abs() } else { 1.0 };
        let glyph = Glyph {
            text: text.to_string(),
            x0,
            x1: if upright { x1 } else { x0 + (dx * dx + dy * dy).sqrt() },
            baseline: y0,
            font_size: size,
            space_width: font.space_width * state.font_size.abs() * state.horizontal_scale * scale_x,
            bold: font.bold || state.render_mode == 2,
            italic: font.italic,
            upright,
            seq: self.seq,
        };
        if let Some(trace) = self.trace.as_mut() {
            let (item, code, adjust) = self.code_at;
            trace.glyphs.push(GlyphSource {
                glyph: glyph.clone(),
                visible: !matches!(state.render_mode, 3 | 7),
                stream: self.stream,
                op_end: self.op_end,
                item,
                code,
                adjust,
            });
        }
        self.seq = self.seq.saturating_add(1);
        // Mode 3 (invisible) and 7 (clip only) are kept apart: see `PageText`.
        if matches!(state.render_mode, 3 | 7) {
            self.out.invisible.push(glyph);
        } else {
            self.out.visible.push(glyph);
        }
        Ok(())
    }

    fn draw_xobject(
        &mut self,
        resources: &Dictionary,
        xobject: &[u8],
        ctm: Matrix,
        depth: usize,
        budget: &mut Budget,
    ) -> Result<()> {
        let r = self.resolver;
        let Some(xobjects) = dict_entry(r, resources, "XObject", budget)? else { return Ok(()) };
        let key = String::from_utf8_lossy(xobject);
        let entry = xobjects.get(&key);
        let reference = match entry {
            Some(Primitive::Reference(reference)) => Some(*reference),
            _ => None,
        };
        let Some(Primitive::Stream(stream)) = resolve_opt(r, entry, budget)? else { return Ok(()) };
        match stream.info.get("Subtype").and_then(name) {
            Some("Form") => {}
            Some("Image") => {
                if let Some(trace) = self.trace.as_mut() {
                    let corners = [ctm.apply(0.0, 0.0), ctm.apply(1.0, 0.0), ctm.apply(0.0, 1.0), ctm.apply(1.0, 1.0)];
                    let (xs, ys): (Vec<f32>, Vec<f32>) = corners.into_iter().unzip();
                    let min = |v: &[f32]| v.iter().copied().fold(f32::INFINITY, f32::min);
                    let max = |v: &[f32]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    trace.images.push(ImageUse {
                        stream: self.stream,
                        op_end: self.op_end,
                        x0: min(&xs),
                        y0: min(&ys),
                        x1: max(&xs),
                        y1: max(&ys),
                        reference,
                    });
                }
                return Ok(());
            }
            _ => return Ok(()),
        }
        budget.nesting(depth + 1)?;
        let data = match stream_data(r, &stream, budget) {
            Ok(d) => d,
            Err(e) if e.code == ErrorCode::LimitExceeded => return Err(e),
            Err(_) => return Ok(()),
        };
        let m = numbers(r, stream.info.get("Matrix"), budget)?;
        let form_matrix = m
            .get(..6)
            .and_then(|s| <[f32; 6]>::try_from(s).ok())
            .map(Matrix)
            .filter(Matrix::is_finite)
            .unwrap_or(Matrix::IDENTITY);
        let form_resources = dict_entry(r, &stream.info, "Resources", budget)?.unwrap_or_else(|| resources.clone());
        let outer = (self.stream, self.op_end);
        self.stream = StreamKey::Form(reference);
        let result = self.run(&data, &form_resources, form_matrix.then(&ctm), depth + 1, budget);
        (self.stream, self.op_end) = outer;
        result
    }
}

fn set(slot: &mut f32, values: Option<Vec<f32>>) {
    if let Some(v) = values.and_then(|v| v.first().copied()) {
        *slot = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix([1.0, 0.0, 0.0, 1.0, 10.0, 5.0]);
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
    }
}
