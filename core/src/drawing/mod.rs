//! Drawings of success maps for export: SVG made here (no browser), with the embedded
//! typeface ([`font`]) subset into the file ([`subset`]), so that the file looks the same
//! on every machine and the PNG and PDF made from it ([`render`]) look like it.
//!
//! All text from the workspace passes through [`escape`]: it appears as the characters
//! the user typed, never as markup.

pub mod font;
mod map;
pub mod plan;
pub mod render;
pub mod slides;
pub mod subset;

use std::fmt::Write as _;

pub use map::{map_svg, MapPicture};
pub use render::{pdf, png};

use crate::model::{AttachedVehicle, VehicleKind};
use font::{Used, Weight};

/// What a map drawing shows besides the map itself.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawOptions {
    pub customers: crate::model::MapCustomers,
    /// The day printed in the footer ("Exported on …"); none leaves it out.
    pub date: Option<chrono::NaiveDate>,
}

/// `text` as XML character data or attribute value: markup characters escaped, and the
/// characters XML cannot hold at all (controls, U+FFFE, U+FFFF) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A colour from the workspace (`#rrggbb`), or `fallback` when it is anything else.
pub fn colour<'a>(value: &'a str, fallback: &'a str) -> &'a str {
    let ok = value.len() == 7
        && value.starts_with('#')
        && value[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        value
    } else {
        fallback
    }
}

/// A number as SVG writes it: at most two decimals, no trailing zeros.
fn num(value: f32) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// An SVG drawing being written, with the characters each weight of the font draws.
#[derive(Default)]
pub(crate) struct Canvas {
    body: String,
    used: Used,
}

impl Canvas {
    /// One line of text with its baseline at `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        fill: &str,
        anchor: Anchor,
        text: &str,
    ) {
        self.used.add(text, weight);
        let text = escape(text);
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}""#,
            num(x),
            num(y),
            num(size)
        );
        if weight == Weight::Bold {
            self.body.push_str(r#" font-weight="700""#);
        }
        match anchor {
            Anchor::Start => {}
            Anchor::Middle => self.body.push_str(r#" text-anchor="middle""#),
            Anchor::End => self.body.push_str(r#" text-anchor="end""#),
        }
        let _ = writeln!(self.body, r#" fill="{}">{text}</text>"#, escape(fill));
    }

    #[allow(clippy::too_many_arguments)]
    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        radius: f32,
        fill: &str,
        stroke: Option<(&str, f32, bool)>,
    ) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}""#,
            num(x),
            num(y),
            num(width.max(0.0)),
            num(height.max(0.0)),
            num(radius),
            escape(fill)
        );
        if let Some((colour, line, dashed)) = stroke {
            let _ = write!(
                self.body,
                r#" stroke="{}" stroke-width="{}""#,
                escape(colour),
                num(line)
            );
            if dashed {
                self.body.push_str(r#" stroke-dasharray="6 4""#);
            }
        }
        self.body.push_str("/>\n");
    }

    pub fn circle(&mut self, cx: f32, cy: f32, r: f32, fill: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/>"#,
            num(cx),
            num(cy),
            num(r),
            escape(fill)
        );
    }

    /// A path from trusted drawing code (never from user text).
    pub fn path(&mut self, d: &str, fill: &str, stroke: Option<(&str, f32)>) {
        let _ = write!(self.body, r#"<path d="{d}" fill="{}""#, escape(fill));
        if let Some((colour, line)) = stroke {
            let _ = write!(
                self.body,
                r#" stroke="{}" stroke-width="{}" stroke-linecap="round" stroke-linejoin="round""#,
                escape(colour),
                num(line)
            );
        }
        self.body.push_str("/>\n");
    }

    /// Opens a group with an id and an accessible label (closed by [`Canvas::end`]).
    pub fn group(&mut self, id: &str, label: &str) {
        let _ = writeln!(
            self.body,
            r#"<g id="{}" aria-label="{}">"#,
            escape(id),
            escape(label)
        );
    }

    pub fn end(&mut self) {
        self.body.push_str("</g>\n");
    }

    /// Draws `other` (drawn from its own origin) here, moved by `dx`, `dy`.
    pub fn place(&mut self, other: &Canvas, dx: f32, dy: f32) {
        let _ = writeln!(
            self.body,
            r#"<g transform="translate({} {})">"#,
            num(dx),
            num(dy)
        );
        self.body.push_str(&other.body);
        self.body.push_str("</g>\n");
        self.used.regular.extend(other.used.regular.iter().copied());
        self.used.bold.extend(other.used.bold.iter().copied());
    }

    /// The SVG document: size, title and description, the font subsets, the body.
    pub fn finish(self, width: f32, height: f32, title: &str, description: &str) -> Drawing {
        let mut fonts = Vec::new();
        let mut out = String::with_capacity(self.body.len() + 64 * 1024);
        let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="map-title map-desc">"#,
            w = num(width),
            h = num(height)
        );
        let _ = writeln!(out, r#"<title id="map-title">{}</title>"#, escape(title));
        let _ = writeln!(out, r#"<desc id="map-desc">{}</desc>"#, escape(description));
        out.push_str("<style>\n");
        for weight in Weight::ALL {
            let chars = self.used.of(weight);
            if chars.is_empty() {
                continue;
            }
            // A font that cannot be subset is left out: the text then shows in the
            // viewer's own sans-serif rather than not at all.
            if let Ok(data) = subset::subset(weight.data(), chars) {
                fonts.push(data);
                let _ = writeln!(
                    out,
                    r#"@font-face {{ font-family: "{}"; font-weight: {}; src: url("data:font/ttf;base64,{}") format("truetype"); }}"#,
                    font::FAMILY,
                    weight.css(),
                    base64(fonts.last().map(Vec::as_slice).unwrap_or_default())
                );
            }
        }
        out.push_str("</style>\n");
        let _ = writeln!(
            out,
            r#"<rect x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
            num(width),
            num(height),
            map::PAPER
        );
        let _ = writeln!(out, r#"<g font-family="'{}', sans-serif">"#, font::FAMILY);
        out.push_str(&self.body);
        out.push_str("</g>\n</svg>\n");
        Drawing {
            title: title.to_string(),
            svg: out,
            width,
            height,
            fallback: self.used.needs_fallback(),
            fonts,
        }
    }
}

/// A finished drawing: the SVG document, its size in CSS pixels, and the font subsets it
/// embeds (for the renderers, which read them as they are in the file).
#[derive(Debug, Clone)]
pub struct Drawing {
    /// "Success map: Home architect".
    pub title: String,
    pub svg: String,
    pub width: f32,
    pub height: f32,
    pub fonts: Vec<Vec<u8>>,
    /// True when some text needs a font other than the embedded one (the renderers then
    /// look for it among the machine's fonts).
    pub fallback: bool,
}

/// A text style: size, line height, weight.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text(pub f32, pub f32, pub Weight);

/// Lines of text at `x` from the top `y`, one line box of the style's line height each;
/// returns their height.
pub(crate) fn lines(
    canvas: &mut Canvas,
    x: f32,
    y: f32,
    style: Text,
    fill: &str,
    lines: &[String],
) -> f32 {
    let Text(size, leading, weight) = style;
    for (i, line) in lines.iter().enumerate() {
        let baseline = y + i as f32 * leading + leading / 2.0 + size * 0.36;
        canvas.text(x, baseline, size, weight, fill, Anchor::Start, line);
    }
    lines.len() as f32 * leading
}

/// One line of text (as [`lines`]); returns its height.
pub(crate) fn line(
    canvas: &mut Canvas,
    x: f32,
    y: f32,
    style: Text,
    fill: &str,
    text: &str,
) -> f32 {
    lines(canvas, x, y, style, fill, &[text.to_string()])
}

/// A vehicle's kind as the app names it ("Training", or a custom kind's own name).
pub(crate) fn kind_label(vehicle: &AttachedVehicle) -> String {
    vehicle.vehicle.kind_label()
}

/// Ink and tint of a vehicle kind: the app's own (`--training`, `--training-soft` …).
pub(crate) fn kind_colours(kind: VehicleKind) -> (&'static str, &'static str) {
    match kind {
        VehicleKind::Training => ("#1971c2", "#e3f0fc"),
        VehicleKind::Community => ("#2b8a3e", "#e6f6ea"),
        VehicleKind::Enablement => ("#8e3fb0", "#f5eafb"),
        VehicleKind::Custom => ("#b35900", "#fdf0e1"),
    }
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')">&"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\u{FFFF}d"), "abcd");
        assert_eq!(escape("Żółć 漢字"), "Żółć 漢字");
    }

    #[test]
    fn colours_must_be_hex() {
        assert_eq!(colour("#12abEF", "#000000"), "#12abEF");
        assert_eq!(colour("red\" onload=\"x", "#000000"), "#000000");
        assert_eq!(colour("#12ab", "#000000"), "#000000");
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.5), "-0.5");
    }
}
