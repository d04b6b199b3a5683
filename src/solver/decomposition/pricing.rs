//! One trainer's year as a small dynamic programme: given a price (reduced cost) for each of
//! the trainer's seats, the cheapest set of seats whose blocked intervals do not overlap (C8)
//! and whose days fit the budget (C9). Seats sorted by the end of their blocked interval; the
//! days used are the second index (budgets are a few dozen days).
//!
//! The programme does not keep a trainer to one start per request: two starts of one request
//! can both be taken when their intervals are apart. The master's (T) rows keep such a
//! schedule from counting twice.

/// One seat of a trainer, for the programme.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    /// The seat's index in the space.
    pub seat: usize,
    /// First day of the training.
    pub first: i64,
    /// Last blocked day (the training's last day plus the free days after it).
    pub last: i64,
    /// Training days (what the budget counts).
    pub days: u32,
}

/// A trainer's seats, sorted for the programme.
#[derive(Clone, Debug)]
pub struct Year {
    /// Seats sorted by `last`, then `first`.
    pub slots: Vec<Slot>,
    /// Day budget, capped at the days of all seats.
    pub budget: u32,
}

impl Year {
    /// The year of a trainer with `slots` and `budget`.
    pub fn new(mut slots: Vec<Slot>, budget: u32) -> Self {
        slots.sort_by_key(|s| (s.last, s.first, s.seat));
        let total: u32 = slots.iter().map(|s| s.days).sum();
        Self {
            slots,
            budget: budget.min(total),
        }
    }
}

/// The cheapest schedule at `price` (per seat index), among seats priced below zero: its seats
/// and its price (0 for the empty schedule).
pub fn cheapest(year: &Year, price: &dyn Fn(usize) -> f64) -> (Vec<usize>, f64) {
    let slots: Vec<(Slot, f64)> = year
        .slots
        .iter()
        .map(|s| (*s, price(s.seat)))
        .filter(|(_, p)| *p < -1e-9)
        .collect();
    let table = Table::forward(&slots, year.budget);
    let b = year.budget as usize;
    let value = table.at(slots.len(), b);
    (table.walk_back(&slots, b), value)
}

/// For every seat of the year: the price of the cheapest schedule that takes it (its own
/// price plus the cheapest compatible seats before and after it within the rest of the budget).
pub fn cheapest_with_each(year: &Year, price: &dyn Fn(usize) -> f64) -> Vec<(usize, f64)> {
    let negative: Vec<(Slot, f64)> = year
        .slots
        .iter()
        .map(|s| (*s, price(s.seat)))
        .filter(|(_, p)| *p < -1e-9)
        .collect();
    let before = Table::forward(&negative, year.budget);
    let mut by_first = negative.clone();
    by_first.sort_by_key(|(s, _)| (s.first, s.last, s.seat));
    let after = Table::backward(&by_first, year.budget);
    year.slots
        .iter()
        .map(|s| {
            let value = match year.budget.checked_sub(s.days) {
                None => f64::INFINITY,
                Some(rest) => {
                    let p = negative.partition_point(|(o, _)| o.last < s.first);
                    let q = by_first.partition_point(|(o, _)| o.first <= s.last);
                    price(s.seat) + combine(&before, p, &after, q, rest as usize)
                }
            };
            (s.seat, value)
        })
        .collect()
}

/// min over b of before(p, b) + after(q, rest − b).
fn combine(before: &Table, p: usize, after: &Table, q: usize, rest: usize) -> f64 {
    (0..=rest)
        .map(|b| before.at(p, b) + after.at(q, rest - b))
        .fold(f64::INFINITY, f64::min)
}

/// best[i][b]: the cheapest schedule among the first (forward) or last (backward) `i` seats
/// using at most `b` days.
struct Table {
    width: usize,
    best: Vec<f64>,
}

impl Table {
    /// Over `slots` sorted by `last`: best[i] uses slots 0 … i−1.
    fn forward(slots: &[(Slot, f64)], budget: u32) -> Self {
        let width = budget as usize + 1;
        let mut best = vec![0.0; (slots.len() + 1) * width];
        for (i, (s, p)) in slots.iter().enumerate() {
            let before = slots[..i].partition_point(|(o, _)| o.last < s.first);
            for b in 0..width {
                let skip = best[i * width + b];
                let take = match b.checked_sub(s.days as usize) {
                    Some(rest) => p + best[before * width + rest],
                    None => f64::INFINITY,
                };
                best[(i + 1) * width + b] = skip.min(take);
            }
        }
        Self { width, best }
    }

    /// Over `slots` sorted by `first`: best[q] uses slots q … n−1.
    fn backward(slots: &[(Slot, f64)], budget: u32) -> Self {
        let width = budget as usize + 1;
        let n = slots.len();
        let mut best = vec![0.0; (n + 1) * width];
        for i in (0..n).rev() {
            let (s, p) = slots[i];
            let after = i + 1 + slots[i + 1..].partition_point(|(o, _)| o.first <= s.last);
            for b in 0..width {
                let skip = best[(i + 1) * width + b];
                let take = match b.checked_sub(s.days as usize) {
                    Some(rest) => p + best[after * width + rest],
                    None => f64::INFINITY,
                };
                best[i * width + b] = skip.min(take);
            }
        }
        Self { width, best }
    }

    fn at(&self, i: usize, b: usize) -> f64 {
        self.best[i * self.width + b.min(self.width - 1)]
    }

    /// The seats of the forward schedule best[n][b].
    fn walk_back(&self, slots: &[(Slot, f64)], mut b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = slots.len();
        while i > 0 {
            if self.at(i, b) < self.at(i - 1, b) - 1e-12 {
                let (s, _) = slots[i - 1];
                out.push(s.seat);
                b -= s.days as usize;
                i = slots[..i - 1].partition_point(|(o, _)| o.last < s.first);
            } else {
                i -= 1;
            }
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(seat: usize, first: i64, last: i64, days: u32) -> Slot {
        Slot {
            seat,
            first,
            last,
            days,
        }
    }

    /// Every subset of the seats, checked directly: the programme must find the cheapest.
    fn brute(year: &Year, price: &[f64], forced: Option<usize>) -> f64 {
        let n = year.slots.len();
        let mut best = f64::INFINITY;
        for mask in 0u32..(1 << n) {
            let chosen: Vec<&Slot> = (0..n)
                .filter(|i| mask >> i & 1 == 1)
                .map(|i| &year.slots[i])
                .collect();
            let days: u32 = chosen.iter().map(|s| s.days).sum();
            let apart = chosen.iter().enumerate().all(|(i, a)| {
                chosen[i + 1..]
                    .iter()
                    .all(|b| a.last < b.first || b.last < a.first)
            });
            let has = forced.is_none_or(|f| chosen.iter().any(|s| s.seat == f));
            if days <= year.budget && apart && has {
                best = best.min(chosen.iter().map(|s| price[s.seat]).sum());
            }
        }
        best
    }

    #[test]
    fn the_programme_finds_what_enumeration_finds() {
        let year = Year::new(
            vec![
                slot(0, 0, 6, 5),
                slot(1, 3, 9, 5),
                slot(2, 8, 14, 5),
                slot(3, 12, 16, 3),
                slot(4, 20, 26, 5),
                slot(5, 16, 30, 10),
            ],
            13,
        );
        for price in [
            vec![-3.0, -4.0, -2.0, -1.0, -5.0, -6.0],
            vec![-1.0, 2.0, -7.0, -1.5, 0.5, -9.0],
            vec![1.0, 1.0, 1.0, -0.5, 1.0, 1.0],
        ] {
            let (seats, value) = cheapest(&year, &|k| price[k]);
            assert!((value - brute(&year, &price, None)).abs() < 1e-9, "{price:?}");
            let sum: f64 = seats.iter().map(|&k| price[k]).sum();
            assert!((sum - value).abs() < 1e-9, "the seats walked back cost the value");
            for (seat, with) in cheapest_with_each(&year, &|k| price[k]) {
                let want = brute(&year, &price, Some(seat));
                assert!(
                    (with - want).abs() < 1e-9 || (with.is_infinite() && want.is_infinite()),
                    "seat {seat}: {with} vs {want}"
                );
            }
        }
    }
}
