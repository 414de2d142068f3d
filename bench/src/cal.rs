//! Days as integers (0 = 2000-01-01) and their `YYYY-MM-DD` text, computed once.

use chrono::{Datelike, NaiveDate};

/// A calendar date as a day number (0 = 2000-01-01).
pub type Day = i32;

/// The first year with a precomputed text.
const FIRST_YEAR: i32 = 2000;
/// The last year with a precomputed text.
const LAST_YEAR: i32 = 2035;

/// The day number of a date (panics outside 2000–2035: the generator never leaves it).
pub fn ymd(y: i32, m: u32, d: u32) -> Day {
    let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    (date - base()).num_days() as Day
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("valid date")
}

/// Precomputed texts and years of every day of 2000–2035.
pub struct Cal {
    text: Vec<[u8; 10]>,
    year: Vec<i16>,
}

impl Default for Cal {
    fn default() -> Self {
        Cal::new()
    }
}

impl Cal {
    /// Builds the tables.
    pub fn new() -> Cal {
        let n = ymd(LAST_YEAR, 12, 31) + 1;
        let mut text = Vec::with_capacity(n as usize);
        let mut year = Vec::with_capacity(n as usize);
        for d in 0..n {
            let date = base() + chrono::Duration::days(d as i64);
            let s = date.format("%Y-%m-%d").to_string();
            let mut b = [0u8; 10];
            b.copy_from_slice(s.as_bytes());
            text.push(b);
            year.push(date.year() as i16);
        }
        Cal { text, year }
    }

    /// `YYYY-MM-DD`.
    pub fn text(&self, d: Day) -> &[u8; 10] {
        &self.text[d as usize]
    }

    /// The year of a day.
    pub fn year(&self, d: Day) -> i32 {
        self.year[d as usize] as i32
    }
}
