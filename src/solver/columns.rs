//! The model's column layout, owned in one place: one y column per start option (0 … starts−1),
//! then one x column per seat (starts … starts+seats−1), then any auxiliary columns a tier's
//! objective needs (the balance tiers' largest share and active trainers). Points (column values), linear
//! objectives and the reading of a point all go through [`Columns`].

use super::space::Space;

/// A linear function of the columns, as (column, coefficient) pairs.
pub type Linear = Vec<(usize, f64)>;

/// The column layout of a [`Space`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    starts: usize,
    seats: usize,
    aux: usize,
}

impl Columns {
    /// The layout of `space`.
    pub fn of(space: &Space) -> Self {
        Self {
            starts: space.starts.len(),
            seats: space.seats.len(),
            aux: 0,
        }
    }

    /// The layout with `n` auxiliary columns after the seats.
    pub fn with_aux(self, n: usize) -> Self {
        Self { aux: n, ..self }
    }

    /// The auxiliary column `i`.
    pub fn aux(&self, i: usize) -> usize {
        self.starts + self.seats + i
    }

    /// Number of columns.
    pub fn len(&self) -> usize {
        self.starts + self.seats + self.aux
    }

    /// Whether there are no columns.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column of start option `o`.
    pub fn y(&self, o: usize) -> usize {
        o
    }

    /// The column of seat `k`.
    pub fn x(&self, k: usize) -> usize {
        self.starts + k
    }

    /// The y columns: which options are held.
    pub fn options(&self) -> std::ops::Range<usize> {
        0..self.starts
    }

    /// The point that holds `options` with `seats` taken, every other column 0.
    pub fn point(&self, options: &[usize], seats: &[usize]) -> Vec<f64> {
        let mut v = vec![0.0; self.len()];
        options.iter().for_each(|&o| v[self.y(o)] = 1.0);
        seats.iter().for_each(|&k| v[self.x(k)] = 1.0);
        v
    }

    /// Start options held in `point`.
    pub fn held(&self, point: &[f64]) -> Vec<usize> {
        self.options().filter(|&o| on(point, self.y(o))).collect()
    }

    /// Seats taken in `point`.
    pub fn taken(&self, point: &[f64]) -> Vec<usize> {
        (0..self.seats).filter(|&k| on(point, self.x(k))).collect()
    }

    /// The value of `f` at `point`.
    pub fn value(f: &[(usize, f64)], point: &[f64]) -> f64 {
        f.iter()
            .map(|&(j, c)| c * point.get(j).copied().unwrap_or(0.0))
            .sum()
    }
}

/// Whether column `j` is set (1) in `point`.
fn on(point: &[f64], j: usize) -> bool {
    point.get(j).is_some_and(|v| *v > 0.5)
}
