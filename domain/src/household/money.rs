//! Money as whole fen (分) in an `i64`: never floats, so sums and averages are exact.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount in fen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    /// Parses yuan as people type them: `1234`, `1234.5`, `1,234.50`, `￥12`. Negative amounts
    /// and more than two decimals are refused (answers a Chinese message).
    pub fn parse_yuan(text: &str) -> Result<Fen, String> {
        let t: String = text
            .trim()
            .trim_start_matches(['¥', '￥'])
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .collect();
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !(frac.is_empty() || digits(frac)) {
            return Err(format!("“{}”不是有效金额", text.trim()));
        }
        if frac.len() > 2 {
            return Err("金额最多保留两位小数".to_owned());
        }
        let yuan: i64 = whole.parse().map_err(|_| "金额过大".to_owned())?;
        let fen: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        yuan.checked_mul(100)
            .and_then(|y| y.checked_add(fen))
            .map(Fen)
            .ok_or_else(|| "金额过大".to_owned())
    }
}

impl fmt::Display for Fen {
    /// Yuan with two decimals: `1234.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// Yuan from fen as a sentence says it, without a needless ".00": `580`, `1500.50`, `0.07`
/// (texts and screens; printed notices use [`Fen`]'s two decimals).
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    if a.is_multiple_of(100) {
        format!("{sign}{}", a / 100)
    } else {
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::Fen;

    #[test]
    fn parses_and_shows_yuan() {
        assert_eq!(Fen::parse_yuan("1,234.5"), Ok(Fen(123_450)));
        assert_eq!(Fen::parse_yuan("￥12"), Ok(Fen(1200)));
        assert_eq!(Fen::parse_yuan("0.05"), Ok(Fen(5)));
        assert!(Fen::parse_yuan("-3").is_err());
        assert!(Fen::parse_yuan("1.234").is_err());
        assert!(Fen::parse_yuan("abc").is_err());
        assert!(Fen::parse_yuan("").is_err());
        assert_eq!(Fen(123_450).to_string(), "1234.50");
        assert_eq!(Fen(-5).to_string(), "-0.05");
    }
}
