//! Stable sorting through one shared copy of the standard library's sort, for the wasm module's size.
//!
//! Each `slice::sort_by`/`sort_by_key` call with its own closure or element type makes the compiler
//! emit its own copy of std's driftsort (a few KB of wasm each): our ~50 call sites came to 59 KB
//! of the gzipped module (3.144 → 3.085 MB, no slower). These functions sort the positions `0..n`
//! with the caller's comparison behind `dyn`, so every call shares one instantiation, then move the
//! items into that order. The result is exactly `slice::sort_by`'s: a stable sort's output is fixed
//! by the comparison. The comparison goes through a pointer, so sorts of hundreds of thousands of
//! items in an inner loop are better left on `slice::sort_by`; none of ours is. `sort_unstable`
//! callers whose equal items are identical (whole-value sorts of numbers, tuples, strings) use
//! `sort` too: the same output, and no copy of the unstable sort. `sort_by(f32::total_cmp)` stays
//! on std: every such call is already one shared copy.

use std::cmp::Ordering;

/// `items.sort_by(compare)`, through the shared sort.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        // Positions come from 0..items.len(), so the look-ups always succeed.
        order(items.len(), &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        })
    };
    permute(items, order);
}

/// `items.sort_by_key(key)`, through the shared sort.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.sort()`, through the shared sort.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..n` in stable sorted order: the one instantiation of std's sort.
fn order(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `i` holds the item that was at `order[i]` (a permutation of
/// `0..items.len()`), one cycle at a time; each visited entry of `order` is reset to mark it done.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let Some(next) = order.get_mut(at).map(|slot| std::mem::replace(slot, at)) else { break };
            if next == start || next == at {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Made-up items with equal keys: the helper must keep std's stable order exactly.
    #[test]
    fn matches_std_stable_sort() {
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 3, 5, 17, 64, 300] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (((seed >> 16) % 5) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            let mut theirs = items.clone();
            sort_by_key(&mut ours, |x| x.0);
            theirs.sort_by_key(|x| x.0);
            assert_eq!(ours, theirs);
            let mut ours = items.clone();
            let mut theirs = items;
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            theirs.sort_by(|a, b| b.0.cmp(&a.0));
            assert_eq!(ours, theirs);
        }
        let mut words = vec!["pear".to_string(), "apple".into(), "fig".into(), "apple".into()];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
    }
}
