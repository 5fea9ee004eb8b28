//! Reading cell text as numbers, money and dates the way CRM exports write them, and
//! guessing which field a column holds from its header.

use chrono::NaiveDate;

use crate::model::ImportField;

/// Which character a file uses as decimal separator when a value alone cannot tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// 1,234.56
    DecimalPoint,
    /// 1.234,56
    DecimalComma,
}

impl NumberStyle {
    /// Semicolon-separated files come from locales that write decimal commas.
    pub fn for_delimiter(delimiter: Option<u8>) -> NumberStyle {
        match delimiter {
            Some(b';') => NumberStyle::DecimalComma,
            _ => NumberStyle::DecimalPoint,
        }
    }
}

/// Parses a number written with optional sign, currency, percent sign, spaces,
/// apostrophes or separators for thousands and a point or comma for decimals.
pub fn parse_number(text: &str, style: NumberStyle) -> Option<f64> {
    let without_code = strip_currency_code(text.trim());
    let mut t = without_code.trim();
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') && t.len() > 2 {
        negative = true;
        t = &t[1..t.len() - 1];
    }
    let mut digits = String::with_capacity(t.len());
    let mut sign_seen = false;
    for ch in t.chars() {
        match ch {
            '0'..='9' | '.' | ',' => digits.push(ch),
            '-' | '−' if digits.is_empty() && !sign_seen => {
                negative = !negative;
                sign_seen = true;
            }
            '+' if digits.is_empty() && !sign_seen => sign_seen = true,
            ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’' | '%' | '€' | '$' | '£' | '¥' => {}
            // Letters other than a currency code ("1.5M", "250K", "Q3") are not numbers.
            _ => return None,
        }
    }
    if !digits.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let commas = digits.matches(',').count();
    let points = digits.matches('.').count();
    let normalised: String = if commas > 0 && points > 0 {
        let last_comma = digits.rfind(',').unwrap_or(0);
        let last_point = digits.rfind('.').unwrap_or(0);
        let (thousands, decimal) = if last_comma > last_point {
            ('.', ',')
        } else {
            (',', '.')
        };
        if digits.matches(decimal).count() > 1 {
            return None;
        }
        digits.replace(thousands, "").replace(decimal, ".")
    } else if commas + points == 0 {
        digits
    } else {
        let sep = if commas > 0 { ',' } else { '.' };
        let count = commas + points;
        let decimal_of_style = match style {
            NumberStyle::DecimalPoint => '.',
            NumberStyle::DecimalComma => ',',
        };
        if count > 1 {
            // Only thousands separators: every group after the first has three digits.
            let groups: Vec<&str> = digits.split(sep).collect();
            if groups[0].is_empty()
                || groups[0].len() > 3
                || groups[1..].iter().any(|g| g.len() != 3)
            {
                return None;
            }
            digits.replace(sep, "")
        } else if sep == decimal_of_style {
            digits.replace(sep, ".")
        } else {
            let (head, tail) = digits.split_once(sep).unwrap_or((&digits, ""));
            let thousands = tail.len() == 3 && !head.is_empty() && head.len() <= 3 && head != "0";
            if thousands {
                digits.replace(sep, "")
            } else {
                digits.replace(sep, ".")
            }
        }
    };
    let value: f64 = normalised.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(if negative { -value } else { value })
}

/// Removes a three-letter currency code before or after the number ("EUR 100", "100 USD").
fn strip_currency_code(text: &str) -> &str {
    let is_code = |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase());
    let mut t = text;
    if let Some((first, rest)) = t.split_once(char::is_whitespace) {
        if is_code(first) {
            t = rest.trim_start();
        }
    }
    if let Some((rest, last)) = t.rsplit_once(char::is_whitespace) {
        if is_code(last) {
            t = rest.trim_end();
        }
    }
    t
}

/// Money in cents (rounded to the cent); `None` when not a number or too large.
pub fn parse_cents(text: &str, style: NumberStyle) -> Option<i64> {
    let value = parse_number(text, style)?;
    let cents = (value * 100.0).round();
    if cents.abs() >= 9.0e15 {
        return None;
    }
    Some(cents as i64)
}

/// Dates as ISO (`2026-11-23`, also with a time after it), `23.11.2026`, `2026/11/23`,
/// and with slashes month first in decimal-point files (`11/23/2026`), day first otherwise.
pub fn parse_date(text: &str, style: NumberStyle) -> Option<NaiveDate> {
    let t = text.trim();
    let head = if t.len() > 10 && t.is_char_boundary(10) && matches!(t.as_bytes()[10], b'T' | b' ')
    {
        &t[..10]
    } else {
        t
    };
    // Years are written with four digits: "23.11.26" is not read as the year 26.
    let plausible = |d: NaiveDate| (1900..=2999).contains(&chrono::Datelike::year(&d));
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(head, format) {
            return plausible(d).then_some(d);
        }
    }
    let (first, second) = match style {
        NumberStyle::DecimalPoint => ("%m/%d/%Y", "%d/%m/%Y"),
        NumberStyle::DecimalComma => ("%d/%m/%Y", "%m/%d/%Y"),
    };
    NaiveDate::parse_from_str(head, first)
        .or_else(|_| NaiveDate::parse_from_str(head, second))
        .ok()
        .filter(|d| plausible(*d))
}

/// A moment read from a file: with its zone, or as the file wrote it (the exporting
/// user's local time, as CRMs write them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    Utc(chrono::DateTime<chrono::Utc>),
    Local(chrono::NaiveDateTime),
}

impl Moment {
    /// The moment in UTC, reading a local one in this machine's time zone.
    pub fn to_utc(self) -> chrono::DateTime<chrono::Utc> {
        match self {
            Moment::Utc(at) => at,
            Moment::Local(naive) => naive
                .and_local_timezone(chrono::Local)
                .earliest()
                .map_or_else(|| naive.and_utc(), |at| at.to_utc()),
        }
    }
}

/// A moment as CRMs export it: RFC 3339 (`2026-11-23T10:02:00Z`, with an offset, or
/// Salesforce's `2026-11-23T10:02:00.000+0000`), or a date as [`parse_date`] reads it
/// (a comma after it allowed) with an optional time (`10:02`, `10:02:33`, `10:02 AM`),
/// which is a local moment; a date alone is its midnight.
pub fn parse_moment(text: &str, style: NumberStyle) -> Option<Moment> {
    use chrono::{DateTime, NaiveTime, Utc};
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Some(Moment::Utc(at.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(at) = DateTime::parse_from_str(t, format) {
            return Some(Moment::Utc(at.with_timezone(&Utc)));
        }
    }
    let (date, time) = match t.find(['T', ' ']) {
        Some(i) => (&t[..i], t[i + 1..].trim()),
        None => (t, ""),
    };
    let day = parse_date(date.trim_end_matches(','), style)?;
    if time.is_empty() {
        return Some(Moment::Local(day.and_time(NaiveTime::MIN)));
    }
    if let Some(time) = time.strip_suffix('Z') {
        let time = parse_time(time)?;
        return Some(Moment::Utc(day.and_time(time).and_utc()));
    }
    Some(Moment::Local(day.and_time(parse_time(time)?)))
}

fn parse_time(text: &str) -> Option<chrono::NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p"]
        .iter()
        .find_map(|f| chrono::NaiveTime::parse_from_str(text.trim(), f).ok())
}

/// Which order a date written with slashes must have (`13/1/2026` only day first,
/// `1/13/2026` only month first), or `None` when either could be (or no slashes).
pub fn slashed_order(text: &str) -> Option<NumberStyle> {
    let date = text.trim().split([' ', 'T', ',']).next()?;
    let mut parts = date.split('/');
    let (a, b) = (parts.next()?, parts.next()?);
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    match (a > 12, b > 12) {
        (true, false) => Some(NumberStyle::DecimalComma),
        (false, true) => Some(NumberStyle::DecimalPoint),
        _ => None,
    }
}

/// Undoes the neutralisation of our CSV export: a `'` put before `=`, `+`, `-` or `@`.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// Lower-case letters and digits only: "Account Name" → "accountname".
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header most likely names, from our own export header and common CRM ones.
pub fn guess_field(header: &str) -> Option<ImportField> {
    let mut key = normalise_header(header);
    for suffix in ["usd", "eur", "gbp", "chf", "0100"] {
        if key.len() > suffix.len() + 2 {
            if let Some(stripped) = key.strip_suffix(suffix) {
                key = stripped.to_string();
            }
        }
    }
    let field = match key.as_str() {
        "externalid" | "id" | "recordid" | "accountid" | "customerid" | "crmid" | "companyid"
        | "salesforceid" | "hubspotid" | "objectid" | "accountnumber" | "clientid" | "sfdcid" => {
            ImportField::ExternalId
        }
        "name" | "companyname" | "accountname" | "customer" | "customername" | "company"
        | "account" | "organization" | "organisation" | "organizationname" | "organisationname"
        | "client" | "clientname" => ImportField::Name,
        "persona" | "personaname" | "segment" | "customersegment" | "customertype"
        | "archetype" => ImportField::Persona,
        "currentstep" | "step" | "stage" | "currentstage" | "journeystage" | "lifecyclestage"
        | "successstage" | "maturity" | "maturitystage" | "current" => ImportField::CurrentStep,
        "targetstep" | "target" | "targetstage" | "goalstep" | "desiredstage" | "desiredstep" => {
            ImportField::TargetStep
        }
        "arr"
        | "annualrevenue"
        | "annualrecurringrevenue"
        | "revenue"
        | "contractvalue"
        | "acv"
        | "annualcontractvalue" => ImportField::Arr,
        "health" | "healthscore" | "customerhealth" | "customerhealthscore" => ImportField::Health,
        "nps" | "npsscore" | "netpromoterscore" => ImportField::Nps,
        "csat" | "csatscore" | "satisfaction" | "customersatisfaction" => ImportField::Csat,
        "owner"
        | "accountowner"
        | "csm"
        | "customersuccessmanager"
        | "csmowner"
        | "companyowner"
        | "accountmanager"
        | "successmanager" => ImportField::Owner,
        "renewaldate" | "renewal" | "nextrenewaldate" | "nextrenewal" | "contractenddate"
        | "contractend" | "renewalon" => ImportField::RenewalDate,
        "notes" | "note" | "comments" | "comment" | "description" => ImportField::Notes,
        _ => return None,
    };
    Some(field)
}

/// Whether `header` is the field's own name: the column of our export ("current_step")
/// or the field's label ("Current step"), in any case and spacing.
pub fn is_exact(header: &str, field: ImportField) -> bool {
    let key = normalise_header(header);
    key == normalise_header(field.key()) || key == normalise_header(field.label())
}

/// Every column that could fill each field, best first: a column named exactly like the
/// field before one named by a synonym, then in file order.
pub fn candidates(headers: &[String]) -> Vec<(ImportField, Vec<usize>)> {
    ImportField::ALL
        .iter()
        .filter_map(|&field| {
            let mut columns: Vec<usize> = (0..headers.len())
                .filter(|&i| guess_field(&headers[i]) == Some(field))
                .collect();
            columns.sort_by_key(|&i| (!is_exact(&headers[i], field), i));
            (!columns.is_empty()).then_some((field, columns))
        })
        .collect()
}

/// One guess per column: each field goes to its best candidate (see [`candidates`]).
pub fn guess_mapping(headers: &[String]) -> Vec<Option<ImportField>> {
    let mut mapping = vec![None; headers.len()];
    for (field, columns) in candidates(headers) {
        mapping[columns[0]] = Some(field);
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::*;

    #[test]
    fn numbers_in_the_ways_crm_exports_write_them() {
        let cases: &[(&str, NumberStyle, Option<f64>)] = &[
            ("1234", DecimalPoint, Some(1234.0)),
            ("1,234.56", DecimalPoint, Some(1234.56)),
            ("1.234,56", DecimalPoint, Some(1234.56)),
            ("1.234,56", DecimalComma, Some(1234.56)),
            ("1234,5", DecimalComma, Some(1234.5)),
            ("1234,5", DecimalPoint, Some(1234.5)),
            ("1,234", DecimalPoint, Some(1234.0)),
            ("1.234", DecimalComma, Some(1234.0)),
            ("1.234", DecimalPoint, Some(1.234)),
            ("0,250", DecimalPoint, Some(0.25)),
            ("1,234,567", DecimalPoint, Some(1234567.0)),
            ("1.234.567", DecimalComma, Some(1234567.0)),
            ("12 500 €", DecimalComma, Some(12500.0)),
            ("$ 12,500.00", DecimalPoint, Some(12500.0)),
            ("EUR 99", DecimalPoint, Some(99.0)),
            ("100 USD", DecimalPoint, Some(100.0)),
            ("1'250'000", DecimalPoint, Some(1250000.0)),
            ("-20", DecimalPoint, Some(-20.0)),
            ("(300)", DecimalPoint, Some(-300.0)),
            ("85%", DecimalPoint, Some(85.0)),
            ("", DecimalPoint, None),
            ("n/a", DecimalPoint, None),
            ("twelve", DecimalPoint, None),
            ("1,2,3", DecimalPoint, None),
            ("12abc", DecimalPoint, None),
            ("1.2.3,4.5", DecimalComma, None),
            ("1.5M", DecimalPoint, None),
            ("250K", DecimalPoint, None),
            ("Q3 2025", DecimalPoint, None),
            ("EUR100", DecimalPoint, None),
            ("12ABC", DecimalPoint, None),
        ];
        for (text, style, expected) in cases {
            assert_eq!(
                parse_number(text, *style),
                *expected,
                "{text:?} in {style:?}"
            );
        }
        assert_eq!(parse_cents("1.234,56", DecimalComma), Some(123456));
        assert_eq!(parse_cents("0.005", DecimalPoint), Some(1));
    }

    #[test]
    fn dates_iso_dotted_and_slashed() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        assert_eq!(parse_date("2026-11-23", DecimalPoint), d);
        assert_eq!(parse_date("2026-11-23T10:00:00Z", DecimalPoint), d);
        assert_eq!(parse_date("2026-11-23 10:00", DecimalPoint), d);
        assert_eq!(parse_date("23.11.2026", DecimalPoint), d);
        assert_eq!(parse_date("11/23/2026", DecimalPoint), d);
        assert_eq!(parse_date("23/11/2026", DecimalComma), d);
        assert_eq!(
            parse_date("23/11/2026", DecimalPoint),
            d,
            "day first when month first is impossible"
        );
        assert_eq!(parse_date("next spring", DecimalPoint), None);
        assert_eq!(parse_date("2026-02-30", DecimalPoint), None);
        assert_eq!(
            parse_date("11/23/26", DecimalPoint),
            None,
            "two-digit years are refused"
        );
        assert_eq!(parse_date("23.11.26", DecimalPoint), None);
    }

    #[test]
    fn headers_of_crm_exports_and_of_our_own_export_are_recognised() {
        let headers: Vec<String> = [
            "Record ID",
            "Company name",
            "Account Name",
            "Annual Revenue (USD)",
            "Health Score",
            "Lifecycle Stage",
            "Customer Success Manager",
            "Something else",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            guess_mapping(&headers),
            vec![
                Some(ImportField::ExternalId),
                Some(ImportField::Name),
                None, // Name is already taken by "Company name"
                Some(ImportField::Arr),
                Some(ImportField::Health),
                Some(ImportField::CurrentStep),
                Some(ImportField::Owner),
                None,
            ]
        );
        let ours: Vec<String> = ImportField::ALL
            .iter()
            .map(|f| f.key().to_string())
            .collect();
        assert_eq!(guess_mapping(&ours), ImportField::ALL.map(Some).to_vec());
        assert_eq!(guess_field("ARR"), Some(ImportField::Arr));
        // Our own field's name wins over a synonym before it.
        let both: Vec<String> = ["Lifecycle Stage", "Name", "Current step", "Account Name"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            guess_mapping(&both),
            vec![
                None,
                Some(ImportField::Name),
                Some(ImportField::CurrentStep),
                None
            ]
        );
        assert_eq!(guess_field("Account ID"), Some(ImportField::ExternalId));
    }

    #[test]
    fn moments_in_the_ways_crms_write_them() {
        let utc = |text: &str| match parse_moment(text, DecimalPoint) {
            Some(Moment::Utc(at)) => at.to_rfc3339(),
            other => format!("{other:?}"),
        };
        let local = |text: &str, style| match parse_moment(text, style) {
            Some(Moment::Local(at)) => at.to_string(),
            other => format!("{other:?}"),
        };
        let morning = "2026-03-01T10:02:00+00:00";
        assert_eq!(utc("2026-03-01T10:02:00Z"), morning);
        assert_eq!(utc("2026-03-01T11:02:00+01:00"), morning);
        assert_eq!(utc("2026-03-01T10:02:00.000+0000"), morning);
        assert_eq!(utc("2026-03-01 10:02Z"), morning);
        let morning = "2026-03-01 10:02:00";
        assert_eq!(local("2026-03-01 10:02", DecimalPoint), morning);
        assert_eq!(local("3/1/2026 10:02 AM", DecimalPoint), morning);
        assert_eq!(local("3/1/2026, 10:02 AM", DecimalPoint), morning);
        assert_eq!(local("01.03.2026 10:02:00", DecimalComma), morning);
        assert_eq!(local("2026-03-01", DecimalPoint), "2026-03-01 00:00:00");
        assert_eq!(parse_moment("3/1/2026 25:00", DecimalPoint), None);
        assert_eq!(parse_moment("yesterday", DecimalPoint), None);
        assert_eq!(slashed_order("13/1/2026 10:00"), Some(DecimalComma));
        assert_eq!(slashed_order("1/13/2026"), Some(DecimalPoint));
        assert_eq!(slashed_order("3/1/2026"), None);
        assert_eq!(slashed_order("2026-01-13"), None);
    }

    #[test]
    fn only_our_own_neutralising_apostrophe_is_removed() {
        assert_eq!(unneutralise("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralise("'-5"), "-5");
        assert_eq!(unneutralise("'quoted'"), "'quoted'");
        assert_eq!(unneutralise("plain"), "plain");
    }
}
