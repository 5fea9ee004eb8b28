//! Input rules shared by every use case: trimmed names, length limits, numeric ranges.
//! Each check names the field it is about so the UI can show the message at that field.

use crate::error::{CoreError, CoreResult};

pub const NAME_MAX: usize = 120;
pub const TEXT_MAX: usize = 4000;
/// The largest ARR of one customer, in cents (10 billion in currency units): sums over
/// millions of customers then stay far inside 64-bit integers.
pub const ARR_MAX_CENTS: i64 = 1_000_000_000_000;
pub const HEALTH_RANGE: (f64, f64) = (0.0, 100.0);
pub const NPS_RANGE: (f64, f64) = (-100.0, 100.0);
pub const CSAT_RANGE: (f64, f64) = (0.0, 100.0);

/// A customer's figures with a range: the one home of those ranges, asked by the
/// customer form's command and by the import alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// In cents.
    Arr,
    Health,
    Nps,
    Csat,
}

impl Figure {
    pub fn label(self) -> &'static str {
        match self {
            Figure::Arr => "ARR",
            Figure::Health => "Health",
            Figure::Nps => "NPS",
            Figure::Csat => "CSAT",
        }
    }

    /// The input field the figure is entered in.
    pub fn field(self) -> &'static str {
        match self {
            Figure::Arr => "arrCents",
            Figure::Health => "health",
            Figure::Nps => "nps",
            Figure::Csat => "csat",
        }
    }

    /// Why `value` cannot be this figure ("is negative", "is outside 0…100"), written to
    /// follow the figure's name and the value as the user wrote it; `None` when it can.
    pub fn problem(self, value: f64) -> Option<String> {
        if !value.is_finite() {
            return Some("is not a number".to_string());
        }
        let (min, max) = match self {
            Figure::Arr if value < 0.0 => return Some("is negative".to_string()),
            Figure::Arr if value > ARR_MAX_CENTS as f64 => {
                return Some("is above the limit of 10,000,000,000".to_string())
            }
            Figure::Arr => return None,
            Figure::Health => HEALTH_RANGE,
            Figure::Nps => NPS_RANGE,
            Figure::Csat => CSAT_RANGE,
        };
        (value < min || value > max).then(|| format!("is outside {min}…{max}"))
    }

    /// [`Figure::problem`] as an error at the figure's field, for forms.
    pub fn check(self, value: f64, shown: &str) -> CoreResult<()> {
        match self.problem(value) {
            None => Ok(()),
            Some(reason) => Err(CoreError::invalid(
                self.field(),
                format!("{} {shown} {reason}", self.label()),
            )),
        }
    }
}

/// The first control character of `text` (NUL, escape, a C1 code…) that it may not
/// hold; `lines`: tabs and line breaks are allowed (free text).
pub fn control_character(text: &str, lines: bool) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(lines && matches!(c, '\t' | '\n' | '\r')))
}

/// A name on one line: each run of line breaks and tabs (a spreadsheet cell's Alt+Enter)
/// becomes one space.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\r', '\n', '\t']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_break = false;
    for c in text.chars() {
        if matches!(c, '\r' | '\n' | '\t') {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Why `text` cannot be stored as `label` because of a control character in it.
pub fn control_problem(label: &str, text: &str, lines: bool) -> Option<String> {
    control_character(text, lines).map(|c| {
        format!(
            "{label} contains a control character (U+{:04X}); remove it",
            c as u32
        )
    })
}

/// `text` without the control characters it may not hold (see [`control_character`]).
pub fn without_controls(text: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    if control_character(text, lines).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .filter(|&c| !c.is_control() || (lines && matches!(c, '\t' | '\n' | '\r')))
            .collect(),
    )
}

/// A required short name: trimmed, not empty, at most NAME_MAX characters, one line
/// (see [`one_line`]), without control characters. A form drops those (a name stored
/// by an older import may hold one, and editing its customer must not fail on it); an
/// import refuses the row instead ([`control_problem`]).
pub fn name(field: &'static str, label: &str, value: &str) -> CoreResult<String> {
    let value = without_controls(&one_line(value), false).into_owned();
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(CoreError::invalid(
            field,
            format!("{label} cannot be empty"),
        ));
    }
    let len = trimmed.chars().count();
    if len > NAME_MAX {
        return Err(CoreError::invalid(
            field,
            format!("{label} is {len} characters long; the limit is {NAME_MAX}"),
        ));
    }
    Ok(trimmed.to_string())
}

/// Optional free text: trimmed at the ends, at most TEXT_MAX characters.
pub fn text(field: &'static str, label: &str, value: &str) -> CoreResult<String> {
    let value = without_controls(value, true);
    let trimmed = value.trim();
    let len = trimmed.chars().count();
    if len > TEXT_MAX {
        return Err(CoreError::invalid(
            field,
            format!("{label} is {len} characters long; the limit is {TEXT_MAX}"),
        ));
    }
    Ok(trimmed.to_string())
}

/// A finite number within an inclusive range.
pub fn in_range(
    field: &'static str,
    label: &str,
    value: f64,
    min: f64,
    max: f64,
) -> CoreResult<f64> {
    if !value.is_finite() {
        return Err(CoreError::invalid(
            field,
            format!("{label} must be a number"),
        ));
    }
    if value < min || value > max {
        return Err(CoreError::invalid(
            field,
            format!("{label} must be between {min} and {max}, not {value}"),
        ));
    }
    Ok(value)
}

/// A colour as `#rrggbb`.
pub fn color(field: &'static str, value: &str) -> CoreResult<String> {
    let v = value.trim();
    let ok = v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Ok(v.to_ascii_lowercase())
    } else {
        Err(CoreError::invalid(
            field,
            format!("colour must look like #3b5bdb, not {v:?}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_must_not_be_blank() {
        assert_eq!(
            name("name", "Name", "  Home architect ").unwrap(),
            "Home architect"
        );
        let err = name("name", "Name", "   ").unwrap_err();
        assert_eq!(err.to_string(), "Name cannot be empty");
    }

    #[test]
    fn over_long_names_are_refused_with_their_length() {
        let long = "x".repeat(NAME_MAX + 1);
        let err = name("name", "Name", &long).unwrap_err();
        assert!(err.to_string().contains("121 characters"), "{err}");
    }

    #[test]
    fn forms_drop_control_characters_but_keep_line_breaks_in_text() {
        assert_eq!(name("name", "Name", "Acme\u{0}Corp").unwrap(), "AcmeCorp");
        assert_eq!(name("name", "Name", "Acme\r\n\tCorp").unwrap(), "Acme Corp");
        assert_eq!(
            name("name", "Name", "Ac\u{9b}me").unwrap(),
            "Acme",
            "C1 too"
        );
        assert!(name("name", "Name", "\u{0}\u{7}").is_err(), "nothing left");
        assert_eq!(text("notes", "Notes", "a\r\n\tb").unwrap(), "a\r\n\tb");
        assert_eq!(text("notes", "Notes", "a\u{1b}[31m").unwrap(), "a[31m");
        assert_eq!(
            control_problem("Name", "Acme\u{0}", false).as_deref(),
            Some("Name contains a control character (U+0000); remove it")
        );
    }

    #[test]
    fn numbers_outside_their_range_are_refused() {
        assert!(in_range("share", "Share", 100.0, 0.0, 100.0).is_ok());
        assert!(in_range("share", "Share", 100.5, 0.0, 100.0).is_err());
        assert!(in_range("share", "Share", f64::NAN, 0.0, 100.0).is_err());
    }

    #[test]
    fn colours_must_be_hex_triplets() {
        assert_eq!(color("color", "#3B5BDB").unwrap(), "#3b5bdb");
        assert!(color("color", "blue").is_err());
        assert!(color("color", "#12345g").is_err());
    }
}
