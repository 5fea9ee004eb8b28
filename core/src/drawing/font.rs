//! The typeface of every export: Noto Sans (SIL Open Font License 1.1, `assets/fonts`),
//! built into the program so that a drawing is laid out and looks the same on every
//! machine. Text is measured here by the fonts' advance widths; the exported files embed
//! subsets of the same fonts ([`super::subset`]).

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The family name the drawings ask for (the embedded fonts' own name).
pub const FAMILY: &str = "Noto Sans";

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];

    pub fn data(self) -> &'static [u8] {
        match self {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        }
    }

    /// The CSS/SVG `font-weight`.
    pub fn css(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::Bold => 700,
        }
    }

    fn face(self) -> Option<&'static ttf_parser::Face<'static>> {
        static FACES: [OnceLock<Option<ttf_parser::Face<'static>>>; 2] =
            [OnceLock::new(), OnceLock::new()];
        FACES[self as usize]
            .get_or_init(|| ttf_parser::Face::parse(self.data(), 0).ok())
            .as_ref()
    }
}

/// True when the embedded font has a glyph for `c` (others come from a fallback font).
pub fn covers(c: char) -> bool {
    Weight::Regular
        .face()
        .is_some_and(|f| f.glyph_index(c).is_some())
}

/// East Asian wide characters, which a fallback font draws one em wide.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// The width of `c` in ems.
fn advance(c: char, weight: Weight) -> f32 {
    if let Some(face) = weight.face() {
        if let Some(gid) = face.glyph_index(c) {
            let upem = f32::from(face.units_per_em());
            return face.glyph_hor_advance(gid).map_or(0.0, f32::from) / upem;
        }
    }
    if c.is_control() {
        0.0
    } else if is_wide(c) {
        1.0
    } else {
        0.6
    }
}

/// The width of `text` at `size` (in the drawing's units).
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    text.chars().map(|c| advance(c, weight)).sum::<f32>() * size
}

/// `text` broken into lines no wider than `max` at `size`: at spaces, within a word only
/// when the word alone is too wide (and so within text without spaces, such as Chinese or
/// Japanese). Line breaks in the text start a new line.
pub fn wrap(text: &str, size: f32, weight: Weight, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, weight) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: broken where it must be.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && width(&next, size, weight) > max {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// `text` on one line of at most `max`, ended with "…" when it had to be cut.
pub fn fit(text: &str, size: f32, weight: Weight, max: f32) -> String {
    if width(text, size, weight) <= max {
        return text.to_string();
    }
    let room = max - width("…", size, weight);
    let mut cut = String::new();
    for c in text.chars() {
        if width(&cut, size, weight) + advance(c, weight) * size > room {
            break;
        }
        cut.push(c);
    }
    format!("{}…", cut.trim_end())
}

/// The characters of each weight a drawing uses, for the subsets it embeds.
#[derive(Debug, Default, Clone)]
pub struct Used {
    pub regular: BTreeSet<char>,
    pub bold: BTreeSet<char>,
}

impl Used {
    pub fn add(&mut self, text: &str, weight: Weight) {
        let set = match weight {
            Weight::Regular => &mut self.regular,
            Weight::Bold => &mut self.bold,
        };
        set.extend(text.chars().filter(|c| !c.is_control()));
    }

    pub fn of(&self, weight: Weight) -> &BTreeSet<char> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// True when some character needs a font other than the embedded one.
    pub fn needs_fallback(&self) -> bool {
        self.regular
            .iter()
            .chain(&self.bold)
            .any(|&c| !c.is_whitespace() && !covers(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_by_the_fonts_advances() {
        let narrow = width("iiii", 10.0, Weight::Regular);
        let wide = width("MMMM", 10.0, Weight::Regular);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!(
            width("Onboarding", 16.0, Weight::Bold) > width("Onboarding", 16.0, Weight::Regular)
        );
        // A character the font lacks is counted one em wide when East Asian.
        assert_eq!(width("漢字", 10.0, Weight::Regular), 20.0);
    }

    #[test]
    fn wraps_at_spaces_and_inside_overlong_words() {
        let lines = wrap(
            "Adopt the tool across the whole team",
            14.0,
            Weight::Regular,
            120.0,
        );
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(width(line, 14.0, Weight::Regular) <= 120.0, "{line}");
        }
        assert_eq!(lines.join(" "), "Adopt the tool across the whole team");
        let cjk = wrap(&"漢".repeat(30), 10.0, Weight::Regular, 95.0);
        assert_eq!(cjk.len(), 4);
        assert_eq!(
            wrap("one\ntwo", 10.0, Weight::Regular, 500.0),
            ["one", "two"]
        );
        assert!(wrap("", 10.0, Weight::Regular, 100.0).is_empty());
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let cut = fit("Cedar Dynamics International", 12.0, Weight::Regular, 80.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(width(&cut, 12.0, Weight::Regular) <= 80.0);
        assert_eq!(fit("Cedar", 12.0, Weight::Regular, 80.0), "Cedar");
    }
}
