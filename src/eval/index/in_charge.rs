//! The 分工 table in the indexes: 分工 rows by unit, and the `分管联系领导` party
//! ([`PartyTarget::InCharge`](crate::ir::PartyTarget::InCharge)) at a date or during a window.

use chrono::NaiveDate;

use super::{Index, Party};
use crate::eval::time::Window;
use crate::facts::{PersonIdx, UnitIdx};

impl Index<'_> {
    /// 分工 rows held in `unit` (starting on or before the evaluation date), in file order, as
    /// indices into `facts.assignments`.
    pub fn assignments_in(&self, unit: UnitIdx) -> &[usize] {
        self.by_unit_assign.get(&unit).map_or(&[], Vec::as_slice)
    }

    /// The days a 分工 row is in force.
    pub fn assignment_window(&self, a: usize) -> Window {
        let a = &self.facts.assignments[a];
        Window {
            start: a.start,
            end: a.end.unwrap_or(NaiveDate::MAX),
        }
    }

    /// Whether 分工 row `a` makes its person a 分管联系领导 of `anchor`: its 联系单位 include
    /// `anchor` or `anchor`'s 同级 unit (the 党委 a 纪委 sits beside).
    fn contacts(&self, a: usize, anchor: UnitIdx) -> bool {
        let level = self.level[anchor as usize];
        self.facts.assignments[a]
            .contacts
            .iter()
            .any(|&c| c == anchor || c == level)
    }

    /// The 分管联系领导 of `anchor` among the 班子 of unit `v` whose 分工 is in force on some
    /// day of `w` (`except`: leaving out who holds that role in `v` on every day of the overlap).
    pub(super) fn in_charge_during(
        &self,
        v: UnitIdx,
        anchor: UnitIdx,
        w: Window,
        except: Option<&str>,
        out: &mut Vec<Party>,
    ) {
        for &a in self.assignments_in(v) {
            let Some(o) = self.assignment_window(a).intersect(w) else {
                continue;
            };
            if !self.contacts(a, anchor) {
                continue;
            }
            let p: PersonIdx = self.facts.assignments[a].person;
            if except.is_some_and(|x| self.holds(p, v, x, o.start) && self.holds(p, v, x, o.end)) {
                continue;
            }
            out.push(Party {
                person: Some(p),
                unit: v,
            });
        }
    }

    /// [`Self::in_charge_during`] on one day.
    pub(super) fn in_charge_at(
        &self,
        v: UnitIdx,
        anchor: UnitIdx,
        date: NaiveDate,
        except: Option<&str>,
        out: &mut Vec<Party>,
    ) {
        let day = Window {
            start: date,
            end: date,
        };
        self.in_charge_during(v, anchor, day, except, out);
    }
}
