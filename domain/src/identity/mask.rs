//! Masking personal data for lists, logs and public notices (公示信息应当限制个人信息).
//!
//! The functions take raw strings, so they also serve logs of unvalidated input: they never
//! panic, work on characters (not bytes), and mask best-effort whatever they are given. A text
//! shorter than the identifier it should be keeps fewer characters: at most half of it shows.

use super::phone::MobilePhone;

/// Masks an ID number: `110105********002X` (area code and last four kept, the date of birth
/// and sequence hidden). Other lengths keep at most a third in front and a sixth at the end.
pub fn mask_id_number(raw: &str) -> String {
    let chars: Vec<char> = raw.trim().chars().collect();
    let n = chars.len();
    if n >= 18 {
        keep_ends(&chars, 6, 4)
    } else {
        keep_ends(&chars, n / 3, n / 6)
    }
}

/// Masks a mobile number: `138****5678`. A valid number in any accepted spelling
/// (`+86 138-0013-8000`) is masked in its normalised form; other text keeps at most its first
/// three and last four characters, and at most a quarter at each end when shorter than 11.
pub fn mask_phone(raw: &str) -> String {
    if let Ok(phone) = MobilePhone::parse(raw) {
        return phone.masked();
    }
    let chars: Vec<char> = raw.trim().chars().collect();
    let n = chars.len();
    if n >= 11 {
        keep_ends(&chars, 3, 4)
    } else {
        keep_ends(&chars, n / 4, n / 4)
    }
}

/// Masks a person's name the way public notices do: one character → `*`, two → `张*`, three or
/// more → first and last kept, each middle character starred (`张*明`, `欧**锋`).
pub fn mask_name(raw: &str) -> String {
    let chars: Vec<char> = raw.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".to_owned(),
        2 => keep_ends(&chars, 1, 0),
        _ => keep_ends(&chars, 1, 1),
    }
}

/// Keeps `front` characters at the start and `back` at the end, starring each one between.
/// Callers keep `front + back` below the length, so at least one character is starred.
fn keep_ends(chars: &[char], front: usize, back: usize) -> String {
    let n = chars.len();
    let back_start = n.saturating_sub(back).max(front);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < front || i >= back_start { c } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_number_mask() {
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(
            mask_id_number("  11010519491231002X "),
            "110105********002X"
        );
        // Invalid input is masked too, never echoed.
        assert_eq!(mask_id_number("110105194912310021"), "110105********0021");
        assert_eq!(mask_id_number("110105491231002"), "11010********02");
        assert_eq!(mask_id_number("123"), "1**");
        assert_eq!(mask_id_number(""), "");
        assert_eq!(mask_id_number("身份证号码是一二三"), "身份证*****三");
    }

    #[test]
    fn phone_mask() {
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("+86 138-0013-8000"), "138****8000");
        assert_eq!(mask_phone("12345678901"), "123****8901");
        assert_eq!(mask_phone("1380013"), "1*****3");
        assert_eq!(mask_phone("12"), "**");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn name_mask() {
        assert_eq!(mask_name("张三明"), "张*明");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳振锋"), "欧**锋");
        assert_eq!(mask_name("王"), "*");
        assert_eq!(mask_name(" 李四 "), "李*");
        assert_eq!(mask_name("阿依古丽·买买提"), "阿******提");
        assert_eq!(mask_name(""), "");
    }
}
