//! How many operations a phone puts in its next push. It starts small, so that a slow 2G
//! link answers the first push within a minute, and doubles while answers come back quickly:
//! a phone with 10,000 saved records on a good network then needs a dozen pushes, not fifty,
//! and each push's fixed costs (a request, two transactions, redrawing the list) are paid
//! that much less often. A slow answer halves it again.

use super::MAX_OPS_PER_PUSH;

/// The first push of a round.
pub const FIRST_PUSH: usize = 200;
/// The smallest push, however slow the link.
pub const MIN_PUSH: usize = 50;
/// An answer within this (ms) lets the next push double.
pub const FAST_ANSWER_MS: f64 = 2_000.0;
/// An answer slower than this (ms) halves the next push.
pub const SLOW_ANSWER_MS: f64 = 15_000.0;

/// The size of the push after one of `sent` operations answered in `answered_ms`.
pub fn next_push(sent: usize, answered_ms: f64) -> usize {
    let sent = sent.clamp(MIN_PUSH, MAX_OPS_PER_PUSH);
    let next = if answered_ms <= FAST_ANSWER_MS {
        sent * 2
    } else if answered_ms > SLOW_ANSWER_MS || answered_ms.is_nan() {
        sent / 2
    } else {
        sent
    };
    next.clamp(MIN_PUSH, MAX_OPS_PER_PUSH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_good_network_reaches_the_servers_limit_in_three_pushes() {
        let mut n = FIRST_PUSH;
        let mut sizes = vec![n];
        for _ in 0..4 {
            n = next_push(n, 150.0);
            sizes.push(n);
        }
        assert_eq!(sizes, [200, 400, 800, 1000, 1000]);
    }

    #[test]
    fn a_slow_answer_halves_down_to_the_smallest_and_a_middling_one_keeps_the_size() {
        assert_eq!(next_push(200, 30_000.0), 100);
        assert_eq!(next_push(60, 30_000.0), MIN_PUSH);
        assert_eq!(next_push(400, 5_000.0), 400);
        assert_eq!(next_push(400, f64::NAN), 200);
    }

    proptest! {
        #[test]
        fn always_within_bounds_and_never_larger_when_slower(
            sent in 0usize..5000,
            a in 0.0f64..60_000.0,
            b in 0.0f64..60_000.0,
        ) {
            let (fast, slow) = if a <= b { (a, b) } else { (b, a) };
            let (n_fast, n_slow) = (next_push(sent, fast), next_push(sent, slow));
            prop_assert!((MIN_PUSH..=MAX_OPS_PER_PUSH).contains(&n_fast));
            prop_assert!((MIN_PUSH..=MAX_OPS_PER_PUSH).contains(&n_slow));
            prop_assert!(n_slow <= n_fast);
        }
    }
}
