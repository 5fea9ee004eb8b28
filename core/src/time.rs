//! The one stored form of timestamps: UTC, RFC 3339, milliseconds, `Z` suffix
//! (`2026-11-23T09:07:30.750Z`). Fixed width, so text order is time order.
//! Business logic takes "now" as an argument; only the app shell reads the clock.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::error::{CoreError, CoreResult};

pub fn to_stored(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn from_stored(text: &str) -> CoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| CoreError::Corrupt(format!("bad timestamp {text:?}: {e}")))
}

pub fn date_to_stored(date: NaiveDate) -> String {
    use chrono::Datelike;
    // What "%Y-%m-%d" writes, without its format parser (an import formats a date per
    // row); years beyond four digits take chrono's way ("+10000-01-01").
    if (0..=9999).contains(&date.year()) {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

pub fn date_from_stored(text: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| CoreError::Corrupt(format!("bad date {text:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stored_dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2027, 3, 9),
            (1, 1, 1),
            (0, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-5, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date_to_stored(date), date.format("%Y-%m-%d").to_string());
            if (0..=9999).contains(&y) {
                assert_eq!(date_from_stored(&date_to_stored(date)).unwrap(), date);
            }
        }
    }

    #[test]
    fn stored_timestamps_round_trip_and_sort_as_text() {
        let a = Utc.with_ymd_and_hms(2026, 11, 23, 9, 7, 30).unwrap()
            + chrono::Duration::milliseconds(750);
        let b = a + chrono::Duration::milliseconds(300);
        assert_eq!(to_stored(a), "2026-11-23T09:07:30.750Z");
        assert_eq!(from_stored(&to_stored(a)).unwrap(), a);
        assert!(to_stored(a) < to_stored(b));
    }

    #[test]
    fn a_damaged_timestamp_is_reported_not_panicked() {
        assert!(matches!(
            from_stored("yesterday"),
            Err(CoreError::Corrupt(_))
        ));
    }
}
