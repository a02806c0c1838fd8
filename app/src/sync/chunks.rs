//! How a round cuts the outbox into pushes: in the order the changes were made, each push as
//! large as the link's pace allows (`domain::sync::next_push`, never over the server's
//! `MAX_OPS_PER_PUSH`). A push the server (or a proxy in front of it) refuses as too large
//! (HTTP 413) goes again as two of half the size, and no later push of the round grows back
//! past that: the byte limit is learned, not guessed, so that a normal push costs no measuring.

use std::ops::Range;

use domain::sync::{FIRST_PUSH, MAX_OPS_PER_PUSH, next_push};

/// The pushes of one round over `len` queued changes.
#[derive(Debug, Clone, PartialEq)]
pub struct PushPlan {
    /// The first change not yet answered.
    start: usize,
    /// How many changes the round holds.
    len: usize,
    /// The size of the next push.
    size: usize,
    /// The largest push this round may still make.
    ceiling: usize,
}

impl PushPlan {
    /// A round over `len` changes, starting with the first push's size.
    pub fn new(len: usize) -> Self {
        PushPlan {
            start: 0,
            len,
            size: FIRST_PUSH,
            ceiling: MAX_OPS_PER_PUSH,
        }
    }

    /// The changes of the next push; `None` once every change is answered.
    pub fn next(&self) -> Option<Range<usize>> {
        (self.start < self.len).then(|| self.start..(self.start + self.size).min(self.len))
    }

    /// The push of `chunk` was answered after `answered_ms`: the next push starts after it,
    /// its size paced by how fast the answer came.
    pub fn answered(&mut self, chunk: Range<usize>, answered_ms: f64) {
        self.start = chunk.end;
        self.size = next_push(self.size, answered_ms).min(self.ceiling);
    }

    /// The push of `chunk` was refused as too large: its changes go again in a push of half
    /// as many, the most any later push of the round may carry. `false` when `chunk` holds a
    /// single change: nothing smaller can go (the server's limit on one record is far below
    /// its limit on a push, so this means a proxy's limit is too small).
    pub fn too_large(&mut self, chunk: Range<usize>) -> bool {
        let carried = chunk.len();
        if carried <= 1 {
            return false;
        }
        self.size = carried / 2;
        self.ceiling = self.size;
        true
    }

    /// How many changes have been answered.
    pub fn answered_count(&self) -> usize {
        self.start
    }
}

#[cfg(test)]
mod tests {
    use domain::sync::MAX_OPS_PER_PUSH;
    use proptest::prelude::*;

    use super::*;

    /// The pushes a round makes over `sizes` (bytes per change) with a server taking at most
    /// `limit` bytes, each answered after `ms`: the pushes taken, and how many were refused.
    fn round(sizes: &[usize], limit: usize, ms: f64) -> (Vec<Range<usize>>, usize) {
        let mut plan = PushPlan::new(sizes.len());
        let (mut taken, mut refused) = (Vec::new(), 0);
        while let Some(chunk) = plan.next() {
            let bytes: usize = sizes[chunk.clone()].iter().sum();
            if bytes > limit {
                refused += 1;
                assert!(plan.too_large(chunk), "a single change over the limit");
            } else {
                plan.answered(chunk.clone(), ms);
                taken.push(chunk);
            }
        }
        (taken, refused)
    }

    #[test]
    fn a_fast_link_pushes_10000_changes_in_pushes_growing_to_the_servers_limit() {
        let (taken, refused) = round(&[1; 10_000], usize::MAX, 150.0);
        let lens: Vec<usize> = taken.iter().map(|c| c.len()).collect();
        assert_eq!(lens[..4], [200, 400, 800, 1000]);
        assert!(
            lens[3..]
                .iter()
                .all(|&n| n == 1000 || n == lens[lens.len() - 1])
        );
        assert_eq!(lens.iter().sum::<usize>(), 10_000);
        assert_eq!(refused, 0);
    }

    #[test]
    fn a_slow_link_keeps_pushes_small() {
        let (taken, _) = round(&[1; 500], usize::MAX, 30_000.0);
        let lens: Vec<usize> = taken.iter().map(|c| c.len()).collect();
        assert_eq!(lens, [200, 100, 50, 50, 50, 50]);
    }

    #[test]
    fn a_push_refused_as_too_large_goes_again_in_halves_and_the_round_stays_below_it() {
        // 300 changes of 100 KB against a 16 MB limit: 200 of them (20 MB) are too many.
        let (taken, refused) = round(&[100_000; 300], 16_000_000, 150.0);
        let lens: Vec<usize> = taken.iter().map(|c| c.len()).collect();
        assert_eq!(refused, 1);
        assert_eq!(lens, [100, 100, 100]);
    }

    #[test]
    fn a_single_change_over_the_limit_cannot_go_smaller() {
        let mut plan = PushPlan::new(3);
        assert!(plan.too_large(0..3));
        assert_eq!(plan.next(), Some(0..1));
        assert!(!plan.too_large(0..1));
        assert_eq!(plan.answered_count(), 0);
    }

    #[test]
    fn nothing_queued_makes_no_push() {
        assert_eq!(PushPlan::new(0).next(), None);
    }

    proptest! {
        /// Whatever the sizes, the limit and the pace: the pushes taken carry every change
        /// once, in the order made, each within the count and byte limits, and a refused push
        /// is never made twice the same.
        #[test]
        fn pushes_lose_double_or_reorder_nothing_and_stay_within_limits(
            sizes in proptest::collection::vec(1usize..50_000, 0..3_000),
            limit_factor in 1usize..400,
            ms in prop_oneof![Just(150.0), Just(5_000.0), Just(30_000.0)],
        ) {
            let largest = sizes.iter().copied().max().unwrap_or(1);
            let limit = largest * limit_factor;
            let (taken, refused) = round(&sizes, limit, ms);
            let mut next = 0;
            for chunk in &taken {
                prop_assert_eq!(chunk.start, next);
                prop_assert!(!chunk.is_empty());
                prop_assert!(chunk.len() <= MAX_OPS_PER_PUSH);
                prop_assert!(sizes[chunk.clone()].iter().sum::<usize>() <= limit);
                next = chunk.end;
            }
            prop_assert_eq!(next, sizes.len());
            // Each refusal at least halves the push: a handful per round, not one per change.
            prop_assert!(refused <= 10);
        }
    }
}
