//! The day of the Qingming solar term (清明, the sun at ecliptic longitude 15°, Beijing time).
//!
//! No well-kept Rust crate that builds for wasm32 exposes solar terms: `icu_calendar` (used
//! for lunar dates) keeps its astronomy private, and the one Chinese almanac crate that has
//! them (`tyme4rs`) carries global mutable state and a large almanac we do not need. So this
//! is a compact table, cited and cross-checked:
//!
//! * `TABLE` holds April's day for 1990–2100, computed with tyme4rs 1.5.0's astronomical
//!   solar-term algorithm (寿星万年历 method, Beijing time) and checked against the four
//!   published years (2023-04-05, 2024-04-04, 2025-04-04, 2026-04-05 per the State Council
//!   notices). The closest call is 2071 (00:10 on 5 April).
//! * The general formula for solar-term days, `[Y·0.2422 + C] − [Y/4]` with Y the year within
//!   its century and C = 5.59 (1901–2000) or 4.81 (2001–2100) for Qingming, gives the same day
//!   in every year from 1990 to 2099 (a unit test checks this), and is used outside the table.

use chrono::NaiveDate;

/// First year of [`TABLE`].
const TABLE_FIRST_YEAR: i32 = 1990;

/// April's day of Qingming, one digit per year from 1990 to 2100.
const TABLE: &[u8; 111] = b"554555455545554555445544554455445544554455445544554445444544454445444544454445444544444444444444444444444444445";

/// The formula's day for `year` (1901–2100); April 5 outside that span, its most common day.
fn formula_day(year: i32) -> u32 {
    let (century_year, c) = match year {
        1901..=2000 => (year - 1900, 5.59),
        2001..=2100 => (year - 2000, 4.81),
        _ => return 5,
    };
    // Exact for these small values: the product never lands within 1e-9 of an integer.
    let day = (f64::from(century_year) * 0.2422 + c).floor() as i32 - century_year / 4;
    day as u32
}

/// April's day of Qingming in `year`.
fn april_day(year: i32) -> u32 {
    usize::try_from(year - TABLE_FIRST_YEAR)
        .ok()
        .and_then(|i| TABLE.get(i))
        .map_or_else(|| formula_day(year), |digit| u32::from(digit - b'0'))
}

/// The date of the Qingming solar term in `year` (April 4, 5 or 6); `None` only for a year
/// chrono cannot represent.
pub fn qingming(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 4, april_day(year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn published_years_match_the_notices() {
        assert_eq!(qingming(2023), Some(date(2023, 4, 5)));
        assert_eq!(qingming(2024), Some(date(2024, 4, 4)));
        assert_eq!(qingming(2025), Some(date(2025, 4, 4)));
        assert_eq!(qingming(2026), Some(date(2026, 4, 5)));
    }

    #[test]
    fn table_agrees_with_the_formula_1990_to_2099() {
        for year in 1990..=2099 {
            assert_eq!(april_day(year), formula_day(year), "Qingming {year}");
        }
    }

    #[test]
    fn every_day_is_april_4_to_6() {
        for year in 1900..=2200 {
            assert!((4..=6).contains(&april_day(year)), "{year}");
        }
        assert_eq!(qingming(2100), Some(date(2100, 4, 5)));
    }
}
