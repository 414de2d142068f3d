//! Property tests of the calendar arithmetic (`guize::eval::time`, semantics §3): window
//! membership and tiling, `N日内`, month and year offsets clamped to the month's end, leap days,
//! ISO weeks across year boundaries.

use chrono::{Datelike, NaiveDate, Weekday};
use guize::eval::time::{add, days_from, sub, window_containing, windows, Window};
use guize::ir::{DurUnit, Duration, Period};
use proptest::prelude::*;

/// Dates from 1900 to about 2200.
fn date() -> impl Strategy<Value = NaiveDate> {
    (693_596i32..803_533).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// Dates within a week of a new year (where ISO weeks straddle years).
fn near_new_year() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2200, -7i64..7)
        .prop_map(|(y, k)| NaiveDate::from_ymd_opt(y, 1, 1).unwrap() + chrono::Duration::days(k))
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        Just(Period::Year),
        Just(Period::HalfYear),
        Just(Period::Quarter),
        Just(Period::Month),
        Just(Period::Week),
        (1u32..6).prop_map(Period::Years),
    ]
}

fn days_in_month(y: i32, m: u32) -> u32 {
    guize::eval::time::month_end(y, m).day()
}

fn is_leap(y: i32) -> bool {
    NaiveDate::from_ymd_opt(y, 2, 29).is_some()
}

fn dur(n: u32, unit: DurUnit) -> Duration {
    Duration { n, unit }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A date lies in its window; every day of that window has the same window; windows have
    /// the shape their kind says.
    #[test]
    fn window_membership(p in period(), d in date(), anchor in 2000i32..2030, k in 0u32..400) {
        let w = window_containing(p, d, anchor);
        prop_assert!(w.contains(d));
        prop_assert!(w.start <= w.end);
        let inside = w.start + chrono::Duration::days(i64::from(k) % w.days());
        prop_assert_eq!(window_containing(p, inside, anchor), w);
        let before = w.start.pred_opt().unwrap();
        prop_assert!(!w.contains(before) && !w.contains(w.end.succ_opt().unwrap()));
        match p {
            Period::Year => prop_assert_eq!((w.start.ordinal(), w.end.month(), w.end.day()), (1, 12, 31)),
            Period::HalfYear => prop_assert!(w.start.day() == 1 && [1, 7].contains(&w.start.month()) && w.end.month() == w.start.month() + 5),
            Period::Quarter => prop_assert!(w.start.day() == 1 && [1, 4, 7, 10].contains(&w.start.month()) && w.end.month() == w.start.month() + 2),
            Period::Month => prop_assert!(w.start.day() == 1 && w.end.day() == days_in_month(w.end.year(), w.end.month())),
            Period::Week => prop_assert!(w.start.weekday() == Weekday::Mon && w.days() == 7),
            Period::Years(n) => {
                prop_assert_eq!((w.start.ordinal(), w.end.month(), w.end.day()), (1, 12, 31));
                prop_assert_eq!(w.end.year() - w.start.year() + 1, n as i32);
                prop_assert_eq!((w.start.year() - anchor).rem_euclid(n as i32), 0);
            }
        }
    }

    /// `windows(from, to)` tiles [from, to] without gaps or overlaps.
    #[test]
    fn windows_tile(p in period(), from in date(), len in 0i64..1200, anchor in 2000i32..2030) {
        let to = from + chrono::Duration::days(len);
        let ws: Vec<Window> = windows(p, from, to, anchor);
        prop_assert!(!ws.is_empty());
        prop_assert!(ws[0].contains(from));
        prop_assert!(ws.last().unwrap().contains(to));
        for pair in ws.windows(2) {
            prop_assert_eq!(pair[0].end.succ_opt().unwrap(), pair[1].start);
        }
        // From a day after `to`: only the window holding both (open on `to`), if there is one.
        let next = to + chrono::Duration::days(1);
        let last = *ws.last().unwrap();
        let after: Vec<Window> = windows(p, next, to, anchor);
        let expected: Vec<Window> = if last.contains(next) { vec![last] } else { vec![] };
        prop_assert_eq!(after, expected);
    }

    /// `N日内` after d: r counts iff d ≤ r ≤ d+N.
    #[test]
    fn within_n_days(d in date(), n in 0u32..400, off in -30i64..500) {
        let r = d + chrono::Duration::days(off);
        let last = add(d, dur(n, DurUnit::Day));
        prop_assert_eq!((last - d).num_days(), i64::from(n));
        prop_assert_eq!(d <= r && r <= last, (0..=i64::from(n)).contains(&off));
        prop_assert_eq!(sub(last, dur(n, DurUnit::Day)), d);
        prop_assert_eq!(add(d, dur(n, DurUnit::Week)), d + chrono::Duration::days(7 * i64::from(n)));
        prop_assert_eq!(days_from(d, dur(n, DurUnit::Day)), i64::from(n));
    }

    /// Month offsets land in the right month and clamp the day to its end (1-31 + 1个月 = 2-28/29).
    #[test]
    fn month_offsets_clamp(d in date(), n in 0u32..60) {
        let r = add(d, dur(n, DurUnit::Month));
        let months = d.year() * 12 + d.month0() as i32 + n as i32;
        prop_assert_eq!((r.year(), r.month0() as i32), (months.div_euclid(12), months.rem_euclid(12)));
        prop_assert_eq!(r.day(), d.day().min(days_in_month(r.year(), r.month())));
        let back = sub(d, dur(n, DurUnit::Month));
        let months = d.year() * 12 + d.month0() as i32 - n as i32;
        prop_assert_eq!((back.year(), back.month0() as i32), (months.div_euclid(12), months.rem_euclid(12)));
        prop_assert_eq!(back.day(), d.day().min(days_in_month(back.year(), back.month())));
        prop_assert!(sub(r, dur(n, DurUnit::Month)) <= d);
        prop_assert_eq!(add(d, dur(n, DurUnit::Year)), add(d, dur(n * 12, DurUnit::Month)));
    }

    /// Leap days: 2-29 plus k years is 2-29 in a leap year, else 2-28; 1-31 plus one month ends
    /// February.
    #[test]
    fn leap_days(y in 1900i32..2200, k in 0u32..40) {
        if let Some(feb29) = NaiveDate::from_ymd_opt(y, 2, 29) {
            let r = add(feb29, dur(k, DurUnit::Year));
            let ty = y + k as i32;
            prop_assert_eq!((r.year(), r.month(), r.day()), (ty, 2, if is_leap(ty) { 29 } else { 28 }));
        }
        let jan31 = NaiveDate::from_ymd_opt(y, 1, 31).unwrap();
        let r = add(jan31, dur(1, DurUnit::Month));
        prop_assert_eq!((r.month(), r.day()), (2, if is_leap(y) { 29 } else { 28 }));
        let w = window_containing(Period::Month, NaiveDate::from_ymd_opt(y, 2, 10).unwrap(), 2022);
        prop_assert_eq!(w.days(), if is_leap(y) { 29 } else { 28 });
        let year = window_containing(Period::Year, jan31, 2022);
        prop_assert_eq!(year.days(), if is_leap(y) { 366 } else { 365 });
    }

    /// 每周 is the ISO week: every day of d's week window has d's ISO year and week number, also
    /// where the week straddles a new year.
    #[test]
    fn iso_weeks_at_year_boundaries(d in near_new_year(), k in 0i64..7) {
        let w = window_containing(Period::Week, d, 2022);
        let day = w.start + chrono::Duration::days(k);
        let (a, b) = (d.iso_week(), day.iso_week());
        prop_assert_eq!((a.year(), a.week()), (b.year(), b.week()));
        prop_assert_eq!(w.start.weekday(), Weekday::Mon);
        prop_assert_eq!(w.end.weekday(), Weekday::Sun);
    }
}
