//! Calendar arithmetic of semantics §3: windows, positioned deadlines, offsets with clamping.
//!
//! INVARIANT: windows are closed ranges `[start, end]` of calendar dates; month and year offsets
//! clamp to the last day of the month (1-31 + 1个月 = 2-28/29).

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::ir::{DurUnit, Duration, Period, Position};

/// A closed range of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Window {
    /// Whether `d` lies in the window.
    pub fn contains(self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// The overlap with another range, if any.
    pub fn intersect(self, o: Window) -> Option<Window> {
        let start = self.start.max(o.start);
        let end = self.end.min(o.end);
        (start <= end).then_some(Window { start, end })
    }

    /// Number of days, both ends included.
    pub fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The last day of month `m` of year `y`.
pub fn month_end(y: i32, m: u32) -> NaiveDate {
    let first_next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    };
    first_next.pred_opt().unwrap_or(first_next)
}

/// The window of kind `period` that contains `d`. `anchor_year` aligns 每N年 blocks.
pub fn window_containing(period: Period, d: NaiveDate, anchor_year: i32) -> Window {
    let y = d.year();
    match period {
        Period::Year => Window {
            start: ymd(y, 1, 1),
            end: ymd(y, 12, 31),
        },
        Period::HalfYear if d.month() <= 6 => Window {
            start: ymd(y, 1, 1),
            end: ymd(y, 6, 30),
        },
        Period::HalfYear => Window {
            start: ymd(y, 7, 1),
            end: ymd(y, 12, 31),
        },
        Period::Quarter => {
            let q0 = (d.month() - 1) / 3 * 3 + 1;
            Window {
                start: ymd(y, q0, 1),
                end: month_end(y, q0 + 2),
            }
        }
        Period::Month => Window {
            start: ymd(y, d.month(), 1),
            end: month_end(y, d.month()),
        },
        Period::Week => {
            let back = d.weekday().num_days_from_monday() as u64;
            let start = d.checked_sub_days(Days::new(back)).unwrap_or(d);
            Window {
                start,
                end: start.checked_add_days(Days::new(6)).unwrap_or(start),
            }
        }
        Period::Years(n) => {
            let n = n.max(1) as i32;
            let k = (y - anchor_year).div_euclid(n);
            let sy = anchor_year + k * n;
            Window {
                start: ymd(sy, 1, 1),
                end: ymd(sy + n - 1, 12, 31),
            }
        }
    }
}

/// The most windows one rule produces for one subject (README, "输入的限制"). Dates in rules and
/// `--as-of` lie in `text::PLAUSIBLE_YEARS` (300 years: at most 15,700 weeks), so this is a
/// backstop that keeps a runaway range from exhausting memory, never reached by checked input.
pub const MAX_WINDOWS: usize = 20_000;

/// Every window of kind `period` from the one containing `from` up to the one containing `to`
/// (at most [`MAX_WINDOWS`]). When `from` is after `to` but in the same window (an evaluation
/// date before 生效, inside the window that holds 生效), that window is still produced: it is
/// open on `to`.
pub fn windows(period: Period, from: NaiveDate, to: NaiveDate, anchor_year: i32) -> Vec<Window> {
    let mut out = Vec::new();
    let mut w = window_containing(period, from, anchor_year);
    while w.start <= to && w.start <= w.end && out.len() < MAX_WINDOWS {
        out.push(w);
        match w.end.succ_opt() {
            Some(next) => w = window_containing(period, next, anchor_year),
            None => break,
        }
    }
    out
}

/// The deadline a position sets inside window `w` (inclusive).
pub fn deadline(position: Option<Position>, w: Window) -> NaiveDate {
    let y = w.start.year();
    let d = match position {
        None | Some(Position::WindowEnd) => w.end,
        Some(Position::Quarter(q)) => month_end(y, u32::from(q.clamp(1, 4)) * 3),
        Some(Position::Half(1)) => ymd(y, 6, 30),
        Some(Position::Half(_)) => ymd(y, 12, 31),
        Some(Position::ByDate { month, day }) => {
            let last = month_end(y, month.clamp(1, 12));
            if day >= last.day() {
                last
            } else {
                ymd(y, month.clamp(1, 12), day.max(1))
            }
        }
    };
    d.min(w.end)
}

/// `d + dur`, months and years clamped to the month's end.
pub fn add(d: NaiveDate, dur: Duration) -> NaiveDate {
    let n = dur.n;
    let r = match dur.unit {
        DurUnit::Day => d.checked_add_days(Days::new(u64::from(n))),
        DurUnit::Week => d.checked_add_days(Days::new(7 * u64::from(n))),
        DurUnit::Month => d.checked_add_months(Months::new(n)),
        DurUnit::Year => d.checked_add_months(Months::new(n.saturating_mul(12))),
    };
    r.unwrap_or(NaiveDate::MAX)
}

/// `d - dur`, clamped likewise.
pub fn sub(d: NaiveDate, dur: Duration) -> NaiveDate {
    let n = dur.n;
    let r = match dur.unit {
        DurUnit::Day => d.checked_sub_days(Days::new(u64::from(n))),
        DurUnit::Week => d.checked_sub_days(Days::new(7 * u64::from(n))),
        DurUnit::Month => d.checked_sub_months(Months::new(n)),
        DurUnit::Year => d.checked_sub_months(Months::new(n.saturating_mul(12))),
    };
    r.unwrap_or(NaiveDate::MIN)
}

/// Length of a duration in days, for reports (`within_days`); months and years from `from`.
pub fn days_from(from: NaiveDate, dur: Duration) -> i64 {
    (add(from, dur) - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn month_offsets_clamp() {
        let m = Duration {
            n: 1,
            unit: DurUnit::Month,
        };
        assert_eq!(add(d("2023-01-31"), m), d("2023-02-28"));
        assert_eq!(add(d("2024-01-31"), m), d("2024-02-29"));
        let y3 = Duration {
            n: 3,
            unit: DurUnit::Year,
        };
        assert_eq!(add(d("2020-02-29"), y3), d("2023-02-28"));
    }

    #[test]
    fn windows_of_each_kind() {
        let day = d("2024-02-29");
        assert_eq!(
            window_containing(Period::HalfYear, day, 2022).end,
            d("2024-06-30")
        );
        assert_eq!(
            window_containing(Period::Quarter, d("2024-05-01"), 2022).start,
            d("2024-04-01")
        );
        assert_eq!(
            window_containing(Period::Month, day, 2022).end,
            d("2024-02-29")
        );
        // ISO week: 2021-01-03 is a Sunday in the week starting Monday 2020-12-28.
        assert_eq!(
            window_containing(Period::Week, d("2021-01-03"), 2022).start,
            d("2020-12-28")
        );
        let w = window_containing(Period::Years(2), d("2025-03-01"), 2022);
        assert_eq!((w.start, w.end), (d("2024-01-01"), d("2025-12-31")));
        assert_eq!(
            windows(Period::Year, d("2022-05-02"), d("2024-01-01"), 2022).len(),
            3
        );
    }

    #[test]
    fn positioned_deadlines() {
        let w = window_containing(Period::Year, d("2024-05-05"), 2022);
        assert_eq!(deadline(Some(Position::Quarter(1)), w), d("2024-03-31"));
        assert_eq!(deadline(Some(Position::Half(1)), w), d("2024-06-30"));
        assert_eq!(
            deadline(Some(Position::ByDate { month: 2, day: 31 }), w),
            d("2024-02-29")
        );
        assert_eq!(deadline(None, w), d("2024-12-31"));
    }
}
