//! Property tests of the identifiers: the check character catches every single-character
//! substitution and every adjacent transposition; valid numbers round-trip; masks hide.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::{
    IdNumber, MobilePhone, PersonName, Sex, check_char, mask_id_number, mask_name, mask_phone,
};

const PROVINCES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

/// A generated valid number with the parts it was made from.
#[derive(Debug, Clone)]
struct Generated {
    text: String,
    birth: NaiveDate,
    sequence: u32,
}

fn valid_id() -> impl Strategy<Value = Generated> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let span = (today() - first).num_days() as u64;
    (
        prop::sample::select(&PROVINCES[..]),
        0u32..10_000,
        0..=span,
        0u32..1000,
    )
        .prop_map(move |(province, rest, offset, sequence)| {
            let birth = first + Days::new(offset);
            let first17 = format!("{province}{rest:04}{}{sequence:03}", birth.format("%Y%m%d"));
            let check = check_char(&first17).unwrap();
            Generated {
                text: format!("{first17}{check}"),
                birth,
                sequence,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_numbers_round_trip(g in valid_id()) {
        let id = IdNumber::parse(&g.text, today()).unwrap();
        prop_assert_eq!(id.expose(), g.text.as_str());
        prop_assert_eq!(id.birth_date(), g.birth);
        let sex = if g.sequence % 2 == 1 { Sex::Male } else { Sex::Female };
        prop_assert_eq!(id.sex(), sex);
        prop_assert_eq!(id.area_code(), &g.text[0..6]);
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(serde_json::from_str::<IdNumber>(&json).unwrap(), id.clone());
        let lower = g.text.to_lowercase();
        prop_assert_eq!(IdNumber::parse(&format!(" {lower} "), today()).unwrap(), id);
    }

    #[test]
    fn every_single_substitution_is_rejected(g in valid_id()) {
        let chars: Vec<char> = g.text.chars().collect();
        for position in 0..chars.len() {
            for replacement in "0123456789X".chars().filter(|&c| c != chars[position]) {
                let mut typo = chars.clone();
                typo[position] = replacement;
                let typo: String = typo.into_iter().collect();
                prop_assert!(IdNumber::parse_shape(&typo).is_err(), "{} accepted", typo);
            }
        }
    }

    #[test]
    fn every_adjacent_transposition_is_rejected(g in valid_id()) {
        let chars: Vec<char> = g.text.chars().collect();
        for i in 0..chars.len() - 1 {
            if chars[i] == chars[i + 1] {
                continue;
            }
            let mut typo = chars.clone();
            typo.swap(i, i + 1);
            let typo: String = typo.into_iter().collect();
            prop_assert!(IdNumber::parse_shape(&typo).is_err(), "{} accepted", typo);
        }
    }

    #[test]
    fn id_mask_hides_birth_date_and_sequence(g in valid_id()) {
        let id = IdNumber::parse(&g.text, today()).unwrap();
        let masked = id.to_string();
        prop_assert_eq!(&masked, &format!("{}********{}", &g.text[0..6], &g.text[14..18]));
        prop_assert_eq!(format!("{id:?}"), format!("IdNumber({masked})"));
        prop_assert!(!masked.contains(&g.text[6..14]));
        prop_assert_eq!(mask_id_number(&g.text), masked);
    }

    #[test]
    fn phone_mask_hides_the_middle(second in 3u8..=9, rest in "[0-9]{9}") {
        let raw = format!("1{second}{rest}");
        let phone = MobilePhone::parse(&format!("+86 {}-{}", &raw[0..3], &raw[3..])).unwrap();
        prop_assert_eq!(phone.expose(), raw.as_str());
        let masked = phone.to_string();
        prop_assert_eq!(&masked, &format!("{}****{}", &raw[0..3], &raw[7..11]));
        prop_assert_eq!(mask_phone(&raw), masked);
    }

    #[test]
    fn name_mask_hides_all_but_the_ends(name in "[\\p{Han}]{1,30}") {
        let person = PersonName::parse(&name).unwrap();
        let chars: Vec<char> = name.chars().collect();
        let masked: Vec<char> = person.to_string().chars().collect();
        prop_assert_eq!(masked.len(), chars.len());
        prop_assert_eq!(masked[0] == '*', chars.len() == 1);
        for (i, c) in masked.iter().enumerate() {
            let shown = match chars.len() {
                1 => false,
                2 => i == 0,
                n => i == 0 || i == n - 1,
            };
            prop_assert_eq!(*c == '*', !shown);
        }
        prop_assert_eq!(mask_name(&name), person.to_string());
    }

    #[test]
    fn masks_never_panic_and_show_little_of_raw_text(raw in any::<String>()) {
        let trimmed: Vec<char> = raw.trim().chars().collect();
        let n = trimmed.len();
        for masked in [mask_id_number(&raw), mask_phone(&raw), mask_name(&raw)] {
            let masked: Vec<char> = masked.chars().collect();
            if MobilePhone::parse(&raw).is_ok() {
                continue; // masked in its normalised form, checked above
            }
            prop_assert_eq!(masked.len(), n);
            let shown = masked.iter().zip(&trimmed).filter(|(m, t)| m == t && **m != '*').count();
            prop_assert!(shown <= (n / 2).max(10), "{} of {} shown", shown, n);
            if n >= 3 {
                prop_assert!(masked.contains(&'*'));
            }
        }
    }
}
