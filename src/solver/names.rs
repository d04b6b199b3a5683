//! Names of the model's columns and rows in a model file, saying what each is with the rule
//! numbers of the README: `y_R-0012_2027-03-01` (request R-0012 held from 1 March 2027),
//! `x_KE-031_R-0012_2027-03-01` (trainer KE-031 on it), `C9_KE-031` (KE-031's day budget),
//! `C8_KE-031_3` (the third of KE-031's free-day rows), and so on.
//!
//! The CPLEX LP format reads `-` as a minus sign, so LP files spell it `.` (`x_KE.031_…`); MPS
//! files keep the ids as they are. Characters neither format can carry become `_`, and a name
//! that would repeat gets a `~2`, `~3` … suffix, so every name is unique within its file.

use std::collections::HashMap;

use super::columns::Columns;
use super::rows::{Row, Rule};
use super::space::Space;
use crate::model::Problem;

/// The spelling of names: MPS keeps `-`, LP turns it into `.`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Free MPS.
    Mps,
    /// CPLEX LP.
    Lp,
}

impl Style {
    /// The style of a model file, by its extension (`.mps` or `.lp`, any case).
    pub fn of(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "mps" => Some(Style::Mps),
            "lp" => Some(Style::Lp),
            _ => None,
        }
    }

    /// `id` as it may appear in a name of this style.
    fn clean(self, id: &str) -> String {
        id.chars()
            .map(|c| match c {
                '-' if self == Style::Lp => '.',
                c if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') => c,
                _ => '_',
            })
            .collect()
    }
}

/// The model's name as a file's NAME line can carry it.
pub fn clean_model_name(name: &str) -> String {
    Style::Mps.clean(name)
}

/// Unique names, in the order they were asked for.
#[derive(Default)]
struct Unique {
    seen: HashMap<String, usize>,
}

impl Unique {
    fn name(&mut self, base: String) -> String {
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        match *n {
            1 => base,
            k => format!("{base}~{k}"),
        }
    }
}

/// Start option `o` as a name's part: `R-0012_2027-03-01`.
fn option(problem: &Problem, space: &Space, o: usize, style: Style) -> String {
    let opt = &space.starts[o];
    let request = problem.requests[opt.request].id.as_str();
    style.clean(&format!("{request}_{}", opt.start.format("%Y-%m-%d")))
}

/// The names of every column of `space`'s model, in column order.
pub fn columns(problem: &Problem, space: &Space, style: Style) -> Vec<String> {
    let mut unique = Unique::default();
    let options = (0..space.starts.len()).map(|o| format!("y_{}", option(problem, space, o, style)));
    let seats = space.seats.iter().map(|seat| {
        let trainer = style.clean(problem.trainers[seat.trainer].id.as_str());
        format!("x_{trainer}_{}", option(problem, space, seat.option, style))
    });
    options.chain(seats).map(|n| unique.name(n)).collect()
}

/// The names of `rows` (the formulation's, then any a tier adds: `tier_NAME` for those).
pub fn rows(problem: &Problem, space: &Space, rows: &[Row], tier: &str, style: Style) -> Vec<String> {
    let c = Columns::of(space);
    let mut unique = Unique::default();
    let mut gaps: HashMap<usize, usize> = HashMap::new();
    let request = |r: usize| style.clean(problem.requests[r].id.as_str());
    let trainer = |t: usize| style.clean(problem.trainers[t].id.as_str());
    let option = |o: usize| option(problem, space, o, style);
    let seat_of = |row: &Row| {
        let k = row
            .terms
            .iter()
            .find_map(|&(j, _)| j.checked_sub(c.options().end))?;
        space.seats.get(k)
    };
    rows.iter()
        .map(|row| {
            let base = match row.rule {
                Rule::OneStart(r) => format!("S_{}", request(r)),
                Rule::TeamMax(o) => format!("Nmax_{}", option(o)),
                Rule::TeamMin(o) => format!("Nmin_{}", option(o)),
                Rule::Leads(o) => format!("C6_{}", option(o)),
                Rule::SameCountry(o) => {
                    let country = seat_of(row).map_or_else(String::new, |s| {
                        style.clean(problem.trainers[s.trainer].country.as_str())
                    });
                    format!("C7_{}_{country}", option(o))
                }
                Rule::Gap(t) => {
                    let n = gaps.entry(t).or_insert(0);
                    *n += 1;
                    format!("C8_{}_{n}", trainer(t))
                }
                Rule::Budget(t) => format!("C9_{}", trainer(t)),
                Rule::Pin(i) => problem.pins.get(i).map_or_else(
                    || format!("C10_pin{}", i + 1),
                    |p| {
                        format!(
                            "C10_{}_{}",
                            style.clean(p.trainer.as_str()),
                            style.clean(p.request.as_str())
                        )
                    },
                ),
                Rule::OncePerRequest(t, r) => format!("T_{}_{}", trainer(t), request(r)),
                Rule::SeatWithinOption(k) => {
                    let s = &space.seats[k];
                    format!("X_{}_{}", trainer(s.trainer), option(s.option))
                }
                Rule::Tier => format!("tier_{tier}"),
            };
            unique.name(base)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lp_names_carry_no_minus_sign_and_repeats_are_told_apart() {
        assert_eq!(Style::Lp.clean("KE-031 a/b"), "KE.031_a_b");
        assert_eq!(Style::Mps.clean("KE-031 a/b"), "KE-031_a_b");
        let mut u = Unique::default();
        let names: Vec<String> = ["a", "b", "a", "a"]
            .iter()
            .map(|s| u.name((*s).to_owned()))
            .collect();
        assert_eq!(names, ["a", "b", "a~2", "a~3"]);
    }
}
