//! The admin's edits to the jurisdiction tree, checked field by field: a place's names and
//! registered population (实有人口), and a new village or community under a township. Each
//! wrong field gets its own error code, so the page can show every error at its field and
//! keep everything typed.

use serde::{Deserialize, Serialize};

use super::level::Level;
use super::place_code::PlaceCode;

/// The longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// The largest population accepted (more than any county has).
pub const MAX_POPULATION: i64 = 10_000_000;

/// A field of the place forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceField {
    /// The new village's code.
    Code,
    /// The Chinese name.
    NameZh,
    /// The English or pinyin name.
    NameEn,
    /// The registered population.
    Population,
}

impl PlaceField {
    /// The field's form name.
    pub fn name(self) -> &'static str {
        match self {
            PlaceField::Code => "code",
            PlaceField::NameZh => "name_zh",
            PlaceField::NameEn => "name_en",
            PlaceField::Population => "population",
        }
    }
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PlaceEditError {
    /// The Chinese name is empty.
    NameMissing,
    /// A name longer than [`MAX_NAME_CHARS`].
    NameTooLong,
    /// A name with a control character (a line break, a tab).
    NameControl,
    /// The population is not a whole number.
    PopulationNotNumber,
    /// A negative population.
    PopulationNegative,
    /// A population over [`MAX_POPULATION`].
    PopulationTooLarge,
    /// The code is not a place code at all.
    CodeInvalid,
    /// The code is a place code, but not a village's (12 digits).
    CodeNotVillage,
    /// The code is a village's, but of another township.
    CodeOutsideTownship,
    /// A place with this code exists already.
    CodeTaken,
    /// An imported village's first nine digits are not a township the admin administers.
    CodeOutsideJurisdiction,
    /// An imported file names the same code on an earlier row.
    CodeRepeated,
}

impl PlaceEditError {
    /// The error's code, for programs and tests.
    pub fn code(&self) -> &'static str {
        match self {
            PlaceEditError::NameMissing => "name_missing",
            PlaceEditError::NameTooLong => "name_too_long",
            PlaceEditError::NameControl => "name_control",
            PlaceEditError::PopulationNotNumber => "population_not_number",
            PlaceEditError::PopulationNegative => "population_negative",
            PlaceEditError::PopulationTooLarge => "population_too_large",
            PlaceEditError::CodeInvalid => "code_invalid",
            PlaceEditError::CodeNotVillage => "code_not_village",
            PlaceEditError::CodeOutsideTownship => "code_outside_township",
            PlaceEditError::CodeTaken => "code_taken",
            PlaceEditError::CodeOutsideJurisdiction => "code_outside_jurisdiction",
            PlaceEditError::CodeRepeated => "code_repeated",
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            PlaceEditError::NameMissing => "请填写中文名称".to_owned(),
            PlaceEditError::NameTooLong => format!("名称最多 {MAX_NAME_CHARS} 个字"),
            PlaceEditError::NameControl => "名称不能含换行或制表符".to_owned(),
            PlaceEditError::PopulationNotNumber => {
                "实有人口请填整数（不要写“人”或逗号），未知请留空".to_owned()
            }
            PlaceEditError::PopulationNegative => "实有人口不能是负数".to_owned(),
            PlaceEditError::PopulationTooLarge => {
                format!("实有人口不能超过 {MAX_POPULATION}，请核对")
            }
            PlaceEditError::CodeInvalid => "区划代码应为 12 位数字".to_owned(),
            PlaceEditError::CodeNotVillage => "村（社区）的区划代码是 12 位数字".to_owned(),
            PlaceEditError::CodeOutsideTownship => {
                "区划代码的前 9 位应是所属乡镇（街道）的代码".to_owned()
            }
            PlaceEditError::CodeTaken => "这个区划代码已经有了，请换一个".to_owned(),
            PlaceEditError::CodeOutsideJurisdiction => {
                "区划代码的前 9 位应是您管辖的某个乡镇（街道）的代码".to_owned()
            }
            PlaceEditError::CodeRepeated => "与上面某一行的区划代码重复".to_owned(),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            PlaceEditError::NameMissing => "Enter the Chinese name".to_owned(),
            PlaceEditError::NameTooLong => format!("At most {MAX_NAME_CHARS} characters"),
            PlaceEditError::NameControl => "No line breaks or tabs in a name".to_owned(),
            PlaceEditError::PopulationNotNumber => {
                "Enter a whole number (no units or commas), or leave it empty if unknown".to_owned()
            }
            PlaceEditError::PopulationNegative => "The population cannot be negative".to_owned(),
            PlaceEditError::PopulationTooLarge => {
                format!("The population cannot exceed {MAX_POPULATION}; check it")
            }
            PlaceEditError::CodeInvalid => "A village code has 12 digits".to_owned(),
            PlaceEditError::CodeNotVillage => {
                "A village or community code has 12 digits".to_owned()
            }
            PlaceEditError::CodeOutsideTownship => {
                "The first 9 digits must be the township's code".to_owned()
            }
            PlaceEditError::CodeTaken => "A place with this code exists; choose another".to_owned(),
            PlaceEditError::CodeOutsideJurisdiction => {
                "The first 9 digits must be a township you administer".to_owned()
            }
            PlaceEditError::CodeRepeated => "The same code is on an earlier row".to_owned(),
        }
    }
}

/// Every wrong field of one form, in the form's order.
pub type FieldErrors = Vec<(PlaceField, PlaceEditError)>;

/// A place's new names and population, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceEdit {
    /// Chinese name, trimmed.
    pub name_zh: String,
    /// English or pinyin name, trimmed (may be empty).
    pub name_en: String,
    /// Registered population; `None` when left empty (unknown).
    pub population: Option<i64>,
}

/// A new village or community under a township, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVillage {
    /// Its code: twelve digits beginning with the township's.
    pub code: PlaceCode,
    /// Its names and population.
    pub place: PlaceEdit,
}

/// Reads a typed population: empty is unknown; a whole number from 0 to [`MAX_POPULATION`].
pub fn parse_population(typed: &str) -> Result<Option<i64>, PlaceEditError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let digits = typed.strip_prefix('-').unwrap_or(typed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PlaceEditError::PopulationNotNumber);
    }
    if typed.starts_with('-') {
        return Err(if digits.bytes().all(|b| b == b'0') {
            PlaceEditError::PopulationNotNumber
        } else {
            PlaceEditError::PopulationNegative
        });
    }
    match digits.parse::<i64>() {
        Ok(n) if n <= MAX_POPULATION => Ok(Some(n)),
        _ => Err(PlaceEditError::PopulationTooLarge),
    }
}

fn check_name(typed: &str, required: bool) -> Result<String, PlaceEditError> {
    let name = typed.trim();
    if name.is_empty() && required {
        return Err(PlaceEditError::NameMissing);
    }
    if name.chars().any(char::is_control) {
        return Err(PlaceEditError::NameControl);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(PlaceEditError::NameTooLong);
    }
    Ok(name.to_owned())
}

/// Checks an edit of a place's names and population; every wrong field is named.
pub fn check_edit(
    name_zh: &str,
    name_en: &str,
    population: &str,
) -> Result<PlaceEdit, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name_zh = check_name(name_zh, true)
        .map_err(|e| errors.push((PlaceField::NameZh, e)))
        .unwrap_or_default();
    let name_en = check_name(name_en, false)
        .map_err(|e| errors.push((PlaceField::NameEn, e)))
        .unwrap_or_default();
    let population = parse_population(population)
        .map_err(|e| errors.push((PlaceField::Population, e)))
        .unwrap_or_default();
    if errors.is_empty() {
        Ok(PlaceEdit {
            name_zh,
            name_en,
            population,
        })
    } else {
        Err(errors)
    }
}

/// Checks a new village under `township`: a twelve-digit code that begins with the
/// township's and that `taken` does not know, and its names and population as
/// [`check_edit`] does.
pub fn check_new_village(
    township: &PlaceCode,
    code: &str,
    name_zh: &str,
    name_en: &str,
    population: &str,
    taken: impl Fn(&PlaceCode) -> bool,
) -> Result<NewVillage, FieldErrors> {
    let code = match PlaceCode::parse(code) {
        Err(_) => Err(PlaceEditError::CodeInvalid),
        Ok(c) if c.level() != Level::Village => Err(PlaceEditError::CodeNotVillage),
        Ok(c) if c.parent().as_ref() != Some(township) => Err(PlaceEditError::CodeOutsideTownship),
        Ok(c) if taken(&c) => Err(PlaceEditError::CodeTaken),
        Ok(c) => Ok(c),
    };
    let place = check_edit(name_zh, name_en, population);
    match (code, place) {
        (Ok(code), Ok(place)) => Ok(NewVillage { code, place }),
        (code, place) => {
            let mut errors = FieldErrors::new();
            if let Err(e) = code {
                errors.push((PlaceField::Code, e));
            }
            if let Err(more) = place {
                errors.extend(more);
            }
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn township() -> PlaceCode {
        PlaceCode::parse("500231100").unwrap()
    }

    #[test]
    fn populations_are_whole_numbers_or_unknown() {
        assert_eq!(parse_population(""), Ok(None));
        assert_eq!(parse_population(" 1350 "), Ok(Some(1350)));
        assert_eq!(parse_population("0"), Ok(Some(0)));
        assert_eq!(
            parse_population("1,350"),
            Err(PlaceEditError::PopulationNotNumber)
        );
        assert_eq!(
            parse_population("1350人"),
            Err(PlaceEditError::PopulationNotNumber)
        );
        assert_eq!(
            parse_population("-5"),
            Err(PlaceEditError::PopulationNegative)
        );
        assert_eq!(
            parse_population("-"),
            Err(PlaceEditError::PopulationNotNumber)
        );
        assert_eq!(
            parse_population("99999999999999999999"),
            Err(PlaceEditError::PopulationTooLarge)
        );
    }

    #[test]
    fn every_wrong_field_is_named() {
        let errors = check_edit("  ", "x\ny", "-3").unwrap_err();
        assert_eq!(
            errors,
            vec![
                (PlaceField::NameZh, PlaceEditError::NameMissing),
                (PlaceField::NameEn, PlaceEditError::NameControl),
                (PlaceField::Population, PlaceEditError::PopulationNegative),
            ]
        );
        let ok = check_edit(" 毛家村 ", "", "1200").unwrap();
        assert_eq!(ok.name_zh, "毛家村");
        assert_eq!(ok.population, Some(1200));
    }

    #[test]
    fn a_new_village_lies_in_its_township_and_is_new() {
        let t = township();
        let none = |_: &PlaceCode| false;
        let code_error = |code: &str, taken: bool| {
            check_new_village(&t, code, "新村", "", "", |_| taken)
                .unwrap_err()
                .into_iter()
                .map(|(f, e)| (f, e.code()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            code_error("50023110000x", false),
            [(PlaceField::Code, "code_invalid")]
        );
        assert_eq!(
            code_error("500231100", false),
            [(PlaceField::Code, "code_not_village")]
        );
        assert_eq!(
            code_error("500231001009", false),
            [(PlaceField::Code, "code_outside_township")]
        );
        assert_eq!(
            code_error("500231100009", true),
            [(PlaceField::Code, "code_taken")]
        );
        let ok = check_new_village(&t, "500231100009", "新村", "Xin", "900", none).unwrap();
        assert_eq!(ok.code.as_str(), "500231100009");
        assert_eq!(ok.place.population, Some(900));
        // Code and population both wrong: both said.
        let both = check_new_village(&t, "1", "新村", "", "x", none).unwrap_err();
        assert_eq!(both.len(), 2);
    }

    proptest! {
        #[test]
        fn any_number_in_range_reads_back(n in 0..=MAX_POPULATION) {
            prop_assert_eq!(parse_population(&n.to_string()), Ok(Some(n)));
            prop_assert_eq!(
                parse_population(&format!("-{}", n + 1)),
                Err(PlaceEditError::PopulationNegative)
            );
        }

        #[test]
        fn an_accepted_population_is_never_negative_nor_too_large(typed in "\\PC{0,12}") {
            if let Ok(Some(n)) = parse_population(&typed) {
                prop_assert!((0..=MAX_POPULATION).contains(&n));
            }
        }

        #[test]
        fn an_accepted_village_code_is_a_child_of_the_township(last in 0u32..1000, typed in "[0-9]{0,14}") {
            let t = township();
            let code = format!("500231100{last:03}");
            let ok = check_new_village(&t, &code, "村", "", "", |_| false);
            prop_assert_eq!(ok.is_ok(), last != 0);
            if let Ok(v) = check_new_village(&t, &typed, "村", "", "", |_| false) {
                prop_assert_eq!(v.code.parent(), Some(t.clone()));
            }
        }
    }
}
