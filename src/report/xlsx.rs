//! The Excel report (`eval --format xlsx`): a summary sheet (counts by rule and status), a sheet
//! of all instances with filters and a frozen header, and a sheet per unit.
//!
//! INVARIANT: a pure function of the report: the workbook is built in memory and its bytes
//! returned; the document's creation time is the evaluation date, so the same input gives
//! byte-identical files.

use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::rows::{flatten, Cell, Flat, Kind};
use super::Report;
use crate::diagnostics::Lang;
use crate::eval::Status;

/// Excel's limit on the characters of one cell.
const CELL_MAX: usize = 32_767;

/// Excel's rows per sheet, the header row included.
pub const ROW_MAX: usize = 1_048_576;

/// Whether the report fits Excel's row limit, decided from the counts alone, before anything is
/// flattened or built (a report past the limit once took 48 s and 6.6 GB to fail).
pub fn check_fits(r: &Report, lang: Lang) -> Result<(), String> {
    fits(
        r.outcome.instances.len(),
        r.ruleset.rules.len() + r.outcome.skipped.len(),
        lang,
    )
}

/// [`check_fits`] on the counts: the instance sheet has a header row, the summary sheet six
/// rows besides one per rule and per skipped rule.
fn fits(instances: usize, rule_lines: usize, lang: Lang) -> Result<(), String> {
    let rows = (instances + 1).max(rule_lines + 6);
    if rows <= ROW_MAX {
        return Ok(());
    }
    Err(match lang {
        Lang::Zh => format!("工作表需要 {rows} 行，超过 Excel 每表 {ROW_MAX} 行的上限"),
        Lang::En => {
            format!("a sheet would need {rows} rows, more than Excel's {ROW_MAX} per sheet")
        }
    })
}

/// Renders the report as the bytes of an `.xlsx` workbook.
pub fn to_xlsx(r: &Report, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    check_fits(r, lang).map_err(XlsxError::ParameterError)?;
    let flat = flatten(r, lang);
    let styles = Styles::new();
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        r.as_of.year().clamp(1900, 9999) as u16,
        r.as_of.month() as u8,
        r.as_of.day() as u8,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {}", r.ruleset.name, r.as_of))
            .set_creation_datetime(&created),
    );
    let mut names = SheetNames::default();
    let zh = lang == Lang::Zh;
    summary_sheet(r, lang, &styles, wb.add_worksheet())?
        .set_name(names.take(if zh { "汇总" } else { "Summary" }, ""))?;
    let all: Vec<usize> = (0..flat.rows.len()).collect();
    instance_sheet(r, &flat, &all, &styles, wb.add_worksheet())?
        .set_name(names.take(if zh { "实例" } else { "Instances" }, ""))?;
    for (u, unit) in r.facts.units.iter().enumerate() {
        let rows = r.unit_rows(u as u32);
        if rows.is_empty() {
            continue;
        }
        instance_sheet(r, &flat, &rows, &styles, wb.add_worksheet())?
            .set_name(names.take(&unit.name, &unit.id))?;
    }
    wb.save_to_buffer()
}

struct Styles {
    header: Format,
    title: Format,
    date: Format,
    total: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xE8_EC_F2))
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(14),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            total: Format::new().set_bold().set_border_top(FormatBorder::Thin),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    fn status(s: Status) -> Format {
        let color = match s.as_str() {
            "violated" => 0xF8_D7_DA,
            "late" => 0xFF_E5_CC,
            "pending" => 0xFF_F3_CD,
            "satisfied" => 0xD4_ED_DA,
            _ => 0xEE_EE_EE,
        };
        Format::new().set_background_color(Color::RGB(color))
    }
}

fn summary_sheet<'w>(
    r: &Report,
    lang: Lang,
    st: &Styles,
    ws: &'w mut Worksheet,
) -> Result<&'w mut Worksheet, XlsxError> {
    let zh = lang == Lang::Zh;
    let title = if zh {
        format!("规则集 {}　评估日期 {}", r.ruleset.name, r.as_of)
    } else {
        format!("ruleset {}, as of {}", r.ruleset.name, r.as_of)
    };
    ws.write_string_with_format(0, 0, clip(&title), &st.title)?;
    ws.write_string(1, 0, clip(&r.facts_line(lang)))?;
    let sums = r.summary();
    let mut header: Vec<&str> = if zh {
        vec!["规则", "条款", "原文"]
    } else {
        vec!["rule", "clause", "source text"]
    };
    header.extend(sums.iter().map(|(s, _)| status_name(*s, lang)));
    header.push(if zh { "合计" } else { "total" });
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &st.header)?;
    }
    let mut row = 4;
    for (ri, counts) in r.by_rule() {
        let rule = &r.ruleset.rules[ri];
        ws.write_string(row, 0, clip(&rule.id))?;
        ws.write_string(row, 1, clip(&rule.clause))?;
        ws.write_string_with_format(row, 2, clip(&rule.source.text), &st.wrap)?;
        let total: usize = counts.iter().sum();
        for (c, n) in counts.iter().chain([&total]).enumerate() {
            ws.write_number(row, 3 + c as u16, *n as f64)?;
        }
        row += 1;
    }
    ws.write_string_with_format(row, 0, header[header.len() - 1], &st.total)?;
    ws.write_string_with_format(row, 1, "", &st.total)?;
    ws.write_string_with_format(row, 2, "", &st.total)?;
    let all: usize = sums.iter().map(|(_, n)| n).sum();
    for (c, n) in sums.iter().map(|(_, n)| n).chain([&all]).enumerate() {
        ws.write_number_with_format(row, 3 + c as u16, *n as f64, &st.total)?;
    }
    for (k, s) in r.outcome.skipped.iter().enumerate() {
        ws.write_string(row + 2 + k as u32, 0, clip(&r.skipped_note(s, lang)))?;
    }
    for (c, w) in [24, 10, 60]
        .into_iter()
        .chain([10; 8])
        .take(header.len())
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_freeze_panes(4, 0)?;
    Ok(ws)
}

/// The label of a status in `lang`.
fn status_name(s: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => s.as_str(),
    }
}

/// The columns shown first on an instance sheet, in this order; the first [`FROZEN`] identify an
/// instance and stay in view when scrolling right. The rest follow in the CSV's order.
const FRONT: &[&str] = &[
    "rule",
    "period.start",
    "period.end",
    "subject.person_name",
    "subject.unit_name",
    "status",
    super::rows::WHY,
    "responsible.person_name",
    "due",
    "count",
    "evidence",
];

/// How many of the [`FRONT`] columns are frozen.
const FROZEN: u16 = 4;

/// The columns of `flat` in the order an instance sheet shows them.
fn sheet_order(flat: &Flat) -> Vec<usize> {
    let front: Vec<usize> = FRONT.iter().filter_map(|p| flat.col(p)).collect();
    let rest = (0..flat.columns.len()).filter(|c| !front.contains(c));
    front.iter().copied().chain(rest).collect()
}

/// A sheet holding the rows `rows` of `flat`, with a bold frozen header, the identifying
/// columns frozen, a filter, dates as date cells and widths that fit the text.
fn instance_sheet<'w>(
    r: &Report,
    flat: &Flat,
    rows: &[usize],
    st: &Styles,
    ws: &'w mut Worksheet,
) -> Result<&'w mut Worksheet, XlsxError> {
    let order = sheet_order(flat);
    let status_col = flat.col("status");
    let wrap_cols = [flat.col("source.text"), flat.col(super::rows::WHY)];
    let mut widths: Vec<usize> = order
        .iter()
        .map(|&c| flat.columns[c].header.width())
        .collect();
    for (out, &c) in order.iter().enumerate() {
        ws.write_string_with_format(0, out as u16, clip(&flat.columns[c].header), &st.header)?;
    }
    for (n, &ri) in rows.iter().enumerate() {
        let row = n as u32 + 1;
        let status = Styles::status(r.outcome.instances[ri].status);
        for (out, &c) in order.iter().enumerate() {
            let cell = &flat.rows[ri][c];
            let col = out as u16;
            widths[out] = widths[out].max(cell.text().width());
            match cell {
                Cell::Empty => {}
                Cell::Number(x) => {
                    ws.write_number(row, col, *x)?;
                }
                Cell::Date(d) => match excel_date(*d) {
                    Some(x) => {
                        ws.write_datetime_with_format(row, col, &x, &st.date)?;
                    }
                    None => {
                        ws.write_string(row, col, d.to_string())?;
                    }
                },
                Cell::Text(s) if Some(c) == status_col => {
                    ws.write_string_with_format(row, col, clip(s), &status)?;
                }
                Cell::Text(s) if wrap_cols.contains(&Some(c)) => {
                    ws.write_string_with_format(row, col, clip(s), &st.wrap)?;
                }
                Cell::Text(s) => {
                    ws.write_string(row, col, clip(s))?;
                }
            }
        }
    }
    for (out, w) in widths.iter().enumerate() {
        let c = order[out];
        let w = match flat.columns[c].kind {
            Kind::Date => 12,
            _ if wrap_cols.contains(&Some(c)) => (*w).clamp(10, 48) + 2,
            _ => (*w).clamp(6, 40) + 2,
        };
        ws.set_column_width(out as u16, w as f64)?;
    }
    let last_col = flat.columns.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    ws.set_freeze_panes(1, FROZEN.min(last_col + 1))?;
    Ok(ws)
}

fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let y = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
}

/// Text cut to what one Excel cell holds.
fn clip(s: &str) -> &str {
    match s.char_indices().nth(CELL_MAX - 1) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Unique, valid sheet names (Excel compares them ignoring case).
#[derive(Default)]
struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    /// A valid sheet name for `name` (falling back to `id`), not taken before.
    fn take(&mut self, name: &str, id: &str) -> String {
        let clean = match sanitize(name) {
            s if s.is_empty() => sanitize(id),
            s => s,
        };
        let mut candidates = vec![clean.clone()];
        if !id.is_empty() {
            candidates.push(with_suffix(&clean, &format!("({})", sanitize(id))));
        }
        let chosen = candidates
            .into_iter()
            .find(|c| !c.is_empty() && self.free(c))
            .unwrap_or_else(|| {
                (2..)
                    .map(|n| with_suffix(&clean, &format!("({n})")))
                    .find(|c| self.free(c))
                    .unwrap_or_default()
            });
        self.taken.push(chosen.to_lowercase());
        chosen
    }

    fn free(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        lower != "history" && !self.taken.contains(&lower)
    }
}

/// `name` without the characters Excel forbids in sheet names, at most 31 UTF-16 units, not
/// starting or ending with `'`.
fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let s = truncate_utf16(s.trim().trim_matches('\''), 31);
    s.trim_matches('\'').trim().to_string()
}

/// `base` cut so that `base + suffix` fits in 31 UTF-16 units.
fn with_suffix(base: &str, suffix: &str) -> String {
    let room = 31usize.saturating_sub(suffix.encode_utf16().count());
    let base = truncate_utf16(base, room);
    format!("{}{suffix}", base.trim_end_matches('\''))
}

fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_unique_and_short() {
        let mut n = SheetNames::default();
        assert_eq!(n.take("汇总", ""), "汇总");
        assert_eq!(n.take("[坏]:名*?/\\'", "U1"), "_坏__名____");
        assert_eq!(n.take("同名县委", "U3"), "同名县委");
        assert_eq!(n.take("同名县委", "U4"), "同名县委(U4)");
        assert_eq!(n.take("History", "U5"), "History(U5)");
        assert_eq!(n.take("汇总", ""), "汇总(2)");
        let long = "长".repeat(40);
        let a = n.take(&long, "U6");
        let b = n.take(&long, "U7");
        assert_eq!(a.encode_utf16().count(), 31);
        assert_eq!(b, format!("{}(U7)", "长".repeat(27)));
        assert_eq!(n.take("'", "U8"), "U8");
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn the_row_limit_is_known_before_building() {
        assert!(fits(ROW_MAX - 1, 20, Lang::Zh).is_ok());
        let e = fits(ROW_MAX, 20, Lang::Zh).unwrap_err();
        assert!(e.contains("1048577 行") && e.contains("1048576"), "{e}");
        assert!(fits(10, ROW_MAX, Lang::En).is_err());
    }
}
