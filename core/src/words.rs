//! Counts in messages, one way everywhere: "1 row", "2 rows", "12,345 customers".

/// `n` with thousands separated by commas, and `noun` in the plural unless `n` is 1
/// (nouns whose plural adds an "s").
pub fn count(n: u64, noun: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if n == 1 {
        format!("{grouped} {noun}")
    } else {
        format!("{grouped} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_thousands_are_grouped() {
        assert_eq!(count(0, "row"), "0 rows");
        assert_eq!(count(1, "row"), "1 row");
        assert_eq!(count(1234, "field"), "1,234 fields");
        assert_eq!(count(1_000_000, "customer"), "1,000,000 customers");
    }
}
