//! The arithmetic of GB 11643-1999: province codes and the ISO 7064 MOD 11-2 check character.
//!
//! Hand-written rather than taken from a crate: it is a 17-term weighted sum, no maintained
//! crate does exactly this for wasm32 and native, and the standard fixes every constant.

/// ISO 7064 MOD 11-2 weights of the first 17 characters (2^(17-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character for each remainder of the weighted sum mod 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Province-level codes (the first two digits of an area code): the 31 mainland provinces,
/// autonomous regions and municipalities, plus 71 Taiwan, 81 Hong Kong and 82 Macao, which
/// residence permits and some legacy numbers carry.
const PROVINCE_CODES: [u8; 34] = [
    11, 12, 13, 14, 15, // 北京 天津 河北 山西 内蒙古
    21, 22, 23, // 辽宁 吉林 黑龙江
    31, 32, 33, 34, 35, 36, 37, // 上海 江苏 浙江 安徽 福建 江西 山东
    41, 42, 43, 44, 45, 46, // 河南 湖北 湖南 广东 广西 海南
    50, 51, 52, 53, 54, // 重庆 四川 贵州 云南 西藏
    61, 62, 63, 64, 65, // 陕西 甘肃 青海 宁夏 新疆
    71, 81, 82, // 台湾 香港 澳门
];

/// The check character of an ID number whose first 17 characters are `first17`, or `None` when
/// `first17` is not exactly 17 ASCII digits. A form can use it to hint at a typo.
///
/// ```
/// assert_eq!(domain::identity::check_char("11010519491231002"), Some('X'));
/// assert_eq!(domain::identity::check_char("1101051949123100"), None);
/// ```
pub fn check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != WEIGHTS.len() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    // `sum % 11` is below 11, so the index is always in range.
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// Whether `code` (two ASCII digits) is a province-level administrative division code.
/// Also used by the jurisdiction tree, whose county codes share the national scheme.
pub fn is_province_code(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_digit())
        && code
            .parse::<u8>()
            .is_ok_and(|n| PROVINCE_CODES.contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_char_of_the_standard_example() {
        // The example of GB 11643-1999 itself.
        assert_eq!(check_char("11010519491231002"), Some('X'));
        assert_eq!(check_char("44052418800101001"), Some('4'));
    }

    #[test]
    fn check_char_rejects_wrong_shapes() {
        assert_eq!(check_char(""), None);
        assert_eq!(check_char("1101051949123100"), None);
        assert_eq!(check_char("110105194912310021"), None);
        assert_eq!(check_char("1101051949123100X"), None);
        assert_eq!(check_char("１１０１０５１９４９１２３１"), None);
    }

    #[test]
    fn province_codes() {
        for ok in [
            "11", "15", "21", "23", "37", "46", "50", "54", "65", "71", "81", "82",
        ] {
            assert!(is_province_code(ok), "{ok}");
        }
        for bad in [
            "00", "10", "16", "20", "24", "38", "47", "55", "66", "70", "83", "99",
        ] {
            assert!(!is_province_code(bad), "{bad}");
        }
        for bad in ["", "1", "110", "+5", " 5", "5 "] {
            assert!(!is_province_code(bad), "{bad:?}");
        }
    }
}
