//! Dates and times as the screens, messages and signed texts print them.
//!
//! Plain `format!` rather than chrono's `format("%Y-%m-%d")`: chrono's strftime interpreter
//! lower-cases `%P` with core's Unicode table, 11 KB of data that the phone's WASM split leaves
//! in the first load (README "Bundle budget"). The same output for years 0–9999.

use chrono::{Datelike, Timelike};

/// `2026-12-06` (`%Y-%m-%d`).
pub fn ymd(d: &impl Datelike) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `2026-12-06 08:30` (`%Y-%m-%d %H:%M`).
pub fn ymd_hm<T: Datelike + Timelike>(t: &T) -> String {
    format!("{} {:02}:{:02}", ymd(t), t.hour(), t.minute())
}

/// `2026-12-06T08:30` (`%Y-%m-%dT%H:%M`, an `<input type="datetime-local">` value).
pub fn ymd_t_hm<T: Datelike + Timelike>(t: &T) -> String {
    format!("{}T{:02}:{:02}", ymd(t), t.hour(), t.minute())
}

/// `2026-12-06T08:30:00Z` (`%Y-%m-%dT%H:%M:%SZ`), for a time already in UTC.
pub fn ymd_t_hms_z<T: Datelike + Timelike>(t: &T) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        ymd(t),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `12-06 08:30` (`%m-%d %H:%M`).
pub fn md_hm<T: Datelike + Timelike>(t: &T) -> String {
    format!(
        "{:02}-{:02} {:02}:{:02}",
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// `12月06日` (`%m月%d日`).
pub fn md_zh_padded(d: &impl Datelike) -> String {
    format!("{:02}月{:02}日", d.month(), d.day())
}

/// `12月6日` (`%-m月%-d日`).
pub fn md_zh(d: &impl Datelike) -> String {
    format!("{}月{}日", d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};

    #[test]
    fn prints_as_chrono_formats() {
        let days = [(2026, 1, 5), (2026, 12, 31), (999, 3, 9), (2024, 2, 29)];
        for (y, m, d) in days {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(ymd(&day), day.format("%Y-%m-%d").to_string());
            assert_eq!(md_zh(&day), day.format("%-m月%-d日").to_string());
            assert_eq!(md_zh_padded(&day), day.format("%m月%d日").to_string());
            for (h, mi, s) in [(0, 0, 0), (8, 5, 9), (23, 59, 59)] {
                let utc = Utc.from_utc_datetime(&day.and_hms_opt(h, mi, s).unwrap());
                let local = utc.with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap());
                assert_eq!(ymd_hm(&local), local.format("%Y-%m-%d %H:%M").to_string());
                assert_eq!(ymd_t_hm(&local), local.format("%Y-%m-%dT%H:%M").to_string());
                assert_eq!(md_hm(&local), local.format("%m-%d %H:%M").to_string());
                assert_eq!(
                    ymd_t_hms_z(&utc),
                    utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
                );
            }
        }
    }
}
