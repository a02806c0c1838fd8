//! The statutory holidays of 《全国年节及纪念日放假办法》, used to estimate a year whose
//! holiday notice is not loaded. Only the statutory days themselves: the make-up swaps
//! (调休) of a notice cannot be predicted and are never guessed.
//!
//! Lunar dates come from `icu_calendar`'s Chinese calendar (GB/T 33661-2017 rules, data
//! agreeing with the Purple Mountain and Hong Kong observatories for 1901–2100).

use chrono::{Datelike, NaiveDate};
use icu_calendar::Date;
use icu_calendar::cal::ChineseTraditional;
use icu_calendar::types::LeapStatus;
use serde::{Deserialize, Serialize};

use super::qingming::qingming;

/// The first year of the 2024 revision (国务院令第795号, in force from 2025-01-01), which
/// added 除夕 and May 2. Earlier years are estimated with the 2013 revision
/// (正月初一至初三, May 1 only); years before 2014 followed older rules that are not modelled.
pub const REVISION_2024_FROM_YEAR: i32 = 2025;

/// A statutory holiday named by the regulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatutoryHoliday {
    /// 元旦, January 1.
    NewYear,
    /// 春节: 除夕 and 正月初一 to 初三 (除夕 from 2025).
    SpringFestival,
    /// 清明节, the day of the Qingming solar term.
    Qingming,
    /// 劳动节, May 1 (and May 2 from 2025).
    LabourDay,
    /// 端午节, 五月初五.
    DragonBoat,
    /// 中秋节, 八月十五.
    MidAutumn,
    /// 国庆节, October 1 to 3.
    NationalDay,
}

impl StatutoryHoliday {
    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::NewYear => "元旦",
            Self::SpringFestival => "春节",
            Self::Qingming => "清明节",
            Self::LabourDay => "劳动节",
            Self::DragonBoat => "端午节",
            Self::MidAutumn => "中秋节",
            Self::NationalDay => "国庆节",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::NewYear => "New Year's Day",
            Self::SpringFestival => "Spring Festival",
            Self::Qingming => "Qingming Festival",
            Self::LabourDay => "Labour Day",
            Self::DragonBoat => "Dragon Boat Festival",
            Self::MidAutumn => "Mid-Autumn Festival",
            Self::NationalDay => "National Day",
        }
    }
}

/// The lunar (month, is leap month, day) of a Gregorian date; `None` out of ICU's range.
fn lunar(date: NaiveDate) -> Option<(u8, bool, u8)> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    let iso = Date::try_new_iso(date.year(), month, day).ok()?;
    let chinese = iso.to_calendar(ChineseTraditional::new());
    let info = chinese.month();
    Some((
        info.number(),
        info.leap_status() == LeapStatus::Leap,
        chinese.day_of_month().0,
    ))
}

/// The statutory holiday `date` belongs to, if any, under the rules in force that year.
/// A day that is two holidays at once (中秋 on October 1–3) is reported as 国庆节.
pub fn statutory_holiday(date: NaiveDate) -> Option<StatutoryHoliday> {
    use StatutoryHoliday as H;
    let revised_2024 = date.year() >= REVISION_2024_FROM_YEAR;
    match (date.month(), date.day()) {
        (1, 1) => return Some(H::NewYear),
        (5, 1) => return Some(H::LabourDay),
        (5, 2) if revised_2024 => return Some(H::LabourDay),
        (10, 1..=3) => return Some(H::NationalDay),
        _ => {}
    }
    if qingming(date.year()) == Some(date) {
        return Some(H::Qingming);
    }
    match lunar(date)? {
        (1, false, 1..=3) => Some(H::SpringFestival),
        (5, false, 5) => Some(H::DragonBoat),
        (8, false, 15) => Some(H::MidAutumn),
        // 除夕 is the last day of the year, whether the twelfth month has 29 or 30 days.
        _ if revised_2024
            && date
                .succ_opt()
                .and_then(lunar)
                .is_some_and(|next| next == (1, false, 1)) =>
        {
            Some(H::SpringFestival)
        }
        _ => None,
    }
}

/// Every statutory holiday day of `year`, in date order.
pub fn statutory_holidays(year: i32) -> Vec<(NaiveDate, StatutoryHoliday)> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .into_iter()
        .flat_map(|first| first.iter_days())
        .take_while(|d| d.year() == year)
        .filter_map(|d| statutory_holiday(d).map(|h| (d, h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatutoryHoliday as H;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// 中秋 on October 1–3 (2001, 2020, 2028, …) shares a day with 国庆, counted once.
    fn mid_autumn_in_national_day(year: i32) -> bool {
        (1..=3).any(|d| lunar(date(year, 10, d)) == Some((8, false, 15)))
    }

    #[test]
    fn the_2024_revision_gives_13_days() {
        for year in 2025..=2100 {
            let expected = 13 - usize::from(mid_autumn_in_national_day(year));
            assert_eq!(statutory_holidays(year).len(), expected, "{year}");
        }
        assert!(mid_autumn_in_national_day(2028));
    }

    #[test]
    fn the_2013_revision_gives_11_days() {
        for year in 1990..=2024 {
            let expected = 11 - usize::from(mid_autumn_in_national_day(year));
            assert_eq!(statutory_holidays(year).len(), expected, "{year}");
        }
        assert!(mid_autumn_in_national_day(2020));
    }

    #[test]
    fn lunar_holidays_of_2026() {
        // 2026: 除夕 Feb 16, 正月初一 Feb 17; 端午 Jun 19; 中秋 Sep 25 (notice: 腊月二十八 = Feb 15).
        let spring: Vec<_> = statutory_holidays(2026)
            .into_iter()
            .filter(|(_, h)| *h == H::SpringFestival)
            .map(|(d, _)| d)
            .collect();
        assert_eq!(spring, [16, 17, 18, 19].map(|d| date(2026, 2, d)));
        assert_eq!(statutory_holiday(date(2026, 6, 19)), Some(H::DragonBoat));
        assert_eq!(statutory_holiday(date(2026, 9, 25)), Some(H::MidAutumn));
        assert_eq!(statutory_holiday(date(2026, 4, 5)), Some(H::Qingming));
        assert_eq!(statutory_holiday(date(2026, 4, 4)), None);
    }

    #[test]
    fn new_year_s_eve_with_a_29_day_twelfth_month() {
        // 2025: 正月初一 Jan 29, so 除夕 Jan 28 was 腊月二十九 (the notice starts the holiday there).
        assert_eq!(
            statutory_holiday(date(2025, 1, 28)),
            Some(H::SpringFestival)
        );
        assert_eq!(statutory_holiday(date(2025, 1, 27)), None);
        // Before 2025 除夕 was not statutory: 2024-02-09 was a working day.
        assert_eq!(statutory_holiday(date(2024, 2, 9)), None);
    }

    #[test]
    fn leap_months_do_not_repeat_festivals() {
        // 2017 and 2025 had a leap sixth month, 2023 a leap second: one 端午, one 中秋.
        for year in [2017, 2023, 2025] {
            let days = statutory_holidays(year);
            assert_eq!(days.iter().filter(|(_, h)| *h == H::DragonBoat).count(), 1);
            assert_eq!(days.iter().filter(|(_, h)| *h == H::MidAutumn).count(), 1);
        }
        // 2020 had a leap fourth month; 端午 was 25 June, in the ordinary fifth month.
        assert_eq!(statutory_holiday(date(2020, 6, 25)), Some(H::DragonBoat));
        assert_eq!(statutory_holiday(date(2020, 7, 25)), None);
    }

    #[test]
    fn names() {
        assert_eq!(H::SpringFestival.name_zh(), "春节");
        assert_eq!(H::NationalDay.name_en(), "National Day");
    }
}
