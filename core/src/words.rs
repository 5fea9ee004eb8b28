//! Numbers in words, one way everywhere: counts in messages ("1 row", "12,345
//! customers"), money and KPI levels in exports as the app shows them.

/// `n` with thousands separated by commas: 40292 → "40,292".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// `n` with thousands separated by commas, and `noun` in the plural unless `n` is 1
/// (nouns whose plural adds an "s").
pub fn count(n: u64, noun: &str) -> String {
    let grouped = thousands(n);
    if n == 1 {
        format!("{grouped} {noun}")
    } else {
        format!("{grouped} {noun}s")
    }
}

/// `value` with one decimal, halves rounded away from zero (as the app's `toFixed(1)`).
fn one_decimal(value: f64) -> String {
    format!("{:.1}", (value * 10.0).round() / 10.0)
}

/// One decimal at most, without a trailing ".0".
fn short(value: f64) -> String {
    let text = one_decimal(value);
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

/// `value` scaled to K, M, B or T with one decimal at most: 12500 → "12.5K".
fn compact(value: f64) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e12 {
        (value / 1e12, "T")
    } else if abs >= 1e9 {
        (value / 1e9, "B")
    } else if abs >= 1e6 {
        (value / 1e6, "M")
    } else if abs >= 1e3 {
        (value / 1e3, "K")
    } else {
        (value, "")
    };
    format!("{}{suffix}", short(scaled))
}

/// ARR in cents as a short money figure (the app's `formatArr`): "$950", "$12.3K".
pub fn money(cents: i64) -> String {
    let value = cents as f64 / 100.0;
    let sign = if value < 0.0 { "-" } else { "" };
    format!("{sign}${}", compact(value.abs()))
}

/// True for units written inside the number ("50%"); others are named beside the KPI
/// (the app's `isInlineUnit`).
pub fn inline_unit(unit: &str) -> bool {
    unit.is_empty() || unit == "%"
}

/// A KPI level (the app's `formatLevel`): 30 → "30", 1234 → "1,234", 12500 → "12.5K",
/// 0.25 → "0.3"; with "%" → "50%", with "$" → "$50", with another unit → "30 days".
pub fn level(value: f64, unit: &str) -> String {
    let text = if value.abs() >= 10_000.0 {
        compact(value)
    } else if value.fract() == 0.0 {
        let whole = thousands(value.abs() as u64);
        if value < 0.0 {
            format!("-{whole}")
        } else {
            whole
        }
    } else {
        one_decimal(value)
    };
    match unit {
        "" => text,
        "%" => format!("{text}%"),
        "$" => format!("${text}"),
        unit => format!("{text} {unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_thousands_are_grouped() {
        assert_eq!(count(0, "row"), "0 rows");
        assert_eq!(count(1, "row"), "1 row");
        assert_eq!(count(1234, "field"), "1,234 fields");
        assert_eq!(count(1_000_000, "customer"), "1,000,000 customers");
    }

    #[test]
    fn money_and_levels_read_as_in_the_app() {
        assert_eq!(thousands(999), "999");
        assert_eq!(money(1_234_500), "$12.3K");
        assert_eq!(money(95_000), "$950");
        assert_eq!(money(250_000_000), "$2.5M");
        assert_eq!(money(-50_000), "-$500");
        assert_eq!(level(30.0, "days"), "30 days");
        assert_eq!(level(50.0, "%"), "50%");
        assert_eq!(level(50.0, "$"), "$50");
        assert_eq!(level(12_500.0, ""), "12.5K");
        assert_eq!(level(1234.0, ""), "1,234");
        assert_eq!(level(0.25, ""), "0.3");
        assert_eq!(level(-3.0, ""), "-3");
    }
}
