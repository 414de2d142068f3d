//! The XLSX form: one workbook, one sheet per table (单位, 人员, 任职, 事件, 届次, 分工; English names
//! too). Dates may be date cells or text.
//!
//! Each sheet is rendered into a text the [`SourceMap`] holds (`file.xlsx#任职`), one line per
//! sheet row (line 14 is row 14), cells separated by ` | `, so a diagnostic can show the offending
//! cell; the message names the cell as Excel does (`任职!C14`).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::tables::{canonical, Row, Table};
use crate::diagnostics::Diag;
use crate::span::{SourceMap, Span};
use crate::text::fold;

/// The separator between cells in the rendered text of a sheet.
const SEP: &str = " | ";

/// Sheets a workbook may hold besides the tables, read by nobody (the template's own).
pub const IGNORED_SHEETS: &[&str] = &["说明", "选项"];

/// Reads an XLSX workbook. Returns the tables by canonical name.
pub(crate) fn read_xlsx(
    name: &str,
    bytes: &[u8],
    sources: &mut SourceMap,
    diags: &mut Vec<Diag>,
) -> Vec<(String, Table)> {
    // A malformed workbook can make the xlsx library panic (fuzzing found an integer overflow
    // in its cell-reference parsing): that is one located error, never a crash.
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut own = Vec::new();
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(name, bytes, sources, &mut own)
    }));
    std::panic::set_hook(prev);
    match read {
        Ok(tables) => {
            diags.append(&mut own);
            tables
        }
        Err(_) => {
            diags.push(
                Diag::error(
                    "E0420",
                    format!("无法读取工作簿 `{name}`：文件已损坏"),
                    format!("cannot read workbook `{name}`: the file is damaged"),
                )
                .help(
                    "在 Excel 或 WPS 中打开并另存为 .xlsx 后重试",
                    "open it in Excel or WPS, save it again as .xlsx and retry",
                ),
            );
            Vec::new()
        }
    }
}

fn read_workbook(
    name: &str,
    bytes: &[u8],
    sources: &mut SourceMap,
    diags: &mut Vec<Diag>,
) -> Vec<(String, Table)> {
    let mut wb: Xlsx<_> = match calamine::open_workbook_from_rs(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => {
            diags.push(
                Diag::error(
                    "E0420",
                    format!("无法打开工作簿 `{name}`：{e}"),
                    format!("cannot open workbook `{name}`: {e}"),
                )
                .help(
                    "事实工作簿应是 Excel 2007 以后的 .xlsx 文件（WPS 另存为 .xlsx 亦可）",
                    "a fact workbook is an .xlsx file (Excel 2007 or later; WPS can save one)",
                ),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let sheets = wb.sheet_names();
    for sheet in sheets.clone() {
        let renamed = renamed_table(&sheet, &sheets);
        if let Some(t) = renamed {
            diags.push(
                Diag::warning(
                    "W0420",
                    format!("工作簿 `{name}` 中的工作表 `{sheet}` 按 {t} 表读入"),
                    format!("sheet `{sheet}` of `{name}` is read as the {t} table"),
                )
                .help(
                    format!("把工作表改名为 {t} 可消除此提示"),
                    format!("rename the sheet to {t} to silence this note"),
                ),
            );
        }
        let Some(table) = super::table_name(&sheet).or(renamed) else {
            if !IGNORED_SHEETS.contains(&fold(&sheet).as_str()) {
                diags.push(
                    Diag::warning(
                        "W0420",
                        format!("工作簿 `{name}` 中的工作表 `{sheet}` 不是事实表，已忽略"),
                        format!("sheet `{sheet}` of `{name}` is not a fact table; ignored"),
                    )
                    .help(
                        "事实表为 单位、人员、任职、事件、届次、分工",
                        "the fact tables are 单位, 人员, 任职, 事件, 届次, 分工",
                    ),
                );
            }
            continue;
        };
        match read_cells(&mut wb, &sheet) {
            Ok(cells) => out.push((
                table.to_string(),
                read_sheet(name, &sheet, table, cells, sources, diags),
            )),
            Err(e) => diags.push(Diag::error(
                "E0420",
                format!("无法读取工作表 `{sheet}`：{e}"),
                format!("cannot read sheet `{sheet}`: {e}"),
            )),
        }
    }
    out
}

/// A sheet's non-empty cells: ((row, column), value).
type Cells = Vec<((u32, u32), Data)>;

/// Excel's limits: rows and columns beyond them are not part of any sheet.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLS: u32 = 1 << 14;

/// Empty cells shown between two values of a rendered row, at most.
const MAX_GAP: usize = 64;

/// The non-empty cells of a sheet as ((row, column), value), sorted, read one by one: a sheet's
/// size is that of its cells, not of the rectangle they span (one cell at XFD1048576 must not
/// allocate the whole sheet).
fn read_cells(wb: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<Cells, calamine::XlsxError> {
    let mut reader = wb.worksheet_cells_reader(sheet)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        let v = Data::from(cell.get_value().clone());
        if v != Data::Empty && r < MAX_ROWS && c < MAX_COLS {
            cells.push(((r, c), v));
        }
    }
    cells.sort_by_key(|(p, _)| *p);
    // A cell written twice keeps its last value, as Excel would show it.
    cells.dedup_by(|b, a| {
        if a.0 == b.0 {
            std::mem::swap(a, b);
            true
        } else {
            false
        }
    });
    Ok(cells)
}

/// The fact table a renamed sheet holds (`人员名单`, `2024年事件`): the one table whose name the
/// sheet's name contains, when no sheet has that table's own name.
fn renamed_table(sheet: &str, sheets: &[String]) -> Option<&'static str> {
    if super::table_name(sheet).is_some() || IGNORED_SHEETS.contains(&fold(sheet).as_str()) {
        return None;
    }
    let folded = fold(sheet);
    let mut found = super::TABLES.iter().copied().filter(|t| folded.contains(t));
    let t = found.next().filter(|_| found.next().is_none())?;
    let taken = sheets.iter().any(|x| super::table_name(x) == Some(t));
    (!taken).then_some(t)
}

/// Column letters of 0-based column `c`: A, B, …, Z, AA, …
pub fn column_letters(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell's value as text (date cells as `YYYY-MM-DD`), or the Excel error it holds.
fn cell_text(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // A serial before 1900-01-01 or past 9999-12-31 (or NaN) is no date: show the number the
        // cell holds, not the 1899-12-31 / 9999-12-31 the conversion would clamp it to.
        Data::DateTime(dt) if !(1.0..2_958_466.0).contains(&dt.as_f64()) => dt.as_f64().to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) => s
            .get(..10)
            .filter(|d| crate::text::parse_date(d).is_some())
            .unwrap_or(s)
            .to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// One rendered row: each cell's text and its byte range in the sheet's text.
struct Line {
    row: u32,
    cells: Vec<(u32, Result<String, String>, usize, usize)>,
}

/// Renders the sheet into text (line n = sheet row n) and reads it as a table.
fn read_sheet(
    file: &str,
    sheet: &str,
    table: &str,
    cells: Cells,
    sources: &mut SourceMap,
    diags: &mut Vec<Diag>,
) -> Table {
    let col0 = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    // The header's last column: empty cells are shown up to it, not beyond.
    let first_row = cells.first().map(|((r, _), _)| *r);
    let header_end = cells
        .iter()
        .take_while(|((r, _), _)| Some(*r) == first_row)
        .map(|((_, c), _)| *c + 1)
        .max()
        .unwrap_or(col0);
    let mut text = String::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_row = 0;
    for ((r, c), v) in cells {
        if lines.last().is_none_or(|l| l.row != r) {
            for _ in cursor_row..r {
                text.push('\n');
            }
            cursor_row = r;
            lines.push(Line {
                row: r,
                cells: Vec::new(),
            });
        }
        let line = lines.last_mut().expect("pushed above");
        // One separator per column from the previous cell (or the first column), so the
        // values of a row line up with the header even where cells are empty (up to the
        // header's last column, at most `MAX_GAP` per gap: the text stays proportional to the
        // cells read).
        let prev = line.cells.last().map_or(col0, |x| x.0 + 1);
        for _ in (prev..c.min(header_end)).take(MAX_GAP) {
            text.push_str(SEP);
        }
        if !line.cells.is_empty() {
            text.push_str(SEP);
        }
        let v = cell_text(&v);
        let shown = match &v {
            Ok(s) => s.replace(['\n', '\r'], "↵"),
            Err(e) => e.clone(),
        };
        let start = text.len();
        text.push_str(&shown);
        line.cells.push((c, v, start, text.len()));
    }
    text.push('\n');
    let id = sources.add(format!("{file}#{sheet}"), text);
    let cell = |c: u32, r: u32| format!("{sheet}!{}{}", column_letters(c), r + 1);
    let span = |a: usize, b: usize| Span::new(id, a, b);
    let mut t = Table::new(span(0, 0));
    let mut lines = lines.into_iter().filter(|l| {
        l.cells
            .iter()
            .any(|(_, v, ..)| v.as_ref().map_or(true, |s| !s.trim().is_empty()))
    });
    let Some(header) = lines.next() else {
        return t;
    };
    let hs = header.cells.first().map_or(0, |c| c.2);
    let he = header.cells.last().map_or(0, |c| c.3);
    t.header_span = span(hs, he);
    t.places
        .push((t.header_span, format!("{sheet}!{}", header.row + 1)));
    // Header cells by sheet column.
    let mut headers: Vec<(u32, String)> = Vec::new();
    for (c, v, a, b) in &header.cells {
        let h = v.clone().unwrap_or_default();
        if h.trim().is_empty() {
            continue;
        }
        let col = canonical(table, h.trim());
        t.columns.push(col.clone());
        t.column_spans.push(span(*a, *b));
        t.places.push((span(*a, *b), cell(*c, header.row)));
        headers.push((*c, col));
    }
    let width = headers.last().map_or(0, |h| h.0) + 1;
    for line in lines {
        let first = line.cells.first().map_or(0, |c| c.2);
        let last = line.cells.last().map_or(0, |c| c.3);
        let row_span = span(first, last);
        let mut r = Row::new(row_span);
        let mut bad = false;
        let mut bad_cells = Vec::new();
        for (c, v, a, b) in &line.cells {
            let s = span(*a, *b);
            let place = cell(*c, line.row);
            let col = headers.iter().find(|h| h.0 == *c).map(|h| h.1.clone());
            match (v, col) {
                (Err(e), _) => {
                    diags.push(
                        Diag::error(
                            "E0421",
                            format!("单元格是 Excel 错误值 `{e}`"),
                            format!("the cell holds the Excel error `{e}`"),
                        )
                        .at(s, "错误值", "error value")
                        .help(
                            "改正此单元格的公式，或填入数值本身",
                            "fix the formula, or enter the value itself",
                        ),
                    );
                    bad_cells.push((s, place));
                    bad = true;
                }
                (Ok(v), None) if !v.trim().is_empty() => {
                    diags.push(
                        Diag::error(
                            "E0410",
                            format!("单元格有值，但此列没有表头（表头在第 {} 行，共 {width} 列）", header.row + 1),
                            format!("the cell has a value but its column has no header (header on row {})", header.row + 1),
                        )
                        .at(s, "此列没有表头", "no header for this column")
                        .help("给此列加上表头，或把值移到正确的列", "give the column a header, or move the value to its column"),
                    );
                    bad_cells.push((s, place));
                    bad = true;
                }
                (Ok(_), None) => {}
                (Ok(v), Some(col)) => {
                    r.places.push((s, place));
                    r.cells.insert(col, (v.clone(), s));
                }
            }
        }
        let place = format!(
            "{sheet}!{}{}:{}{}",
            column_letters(col0),
            line.row + 1,
            column_letters(width.saturating_sub(1).max(col0)),
            line.row + 1
        );
        t.places.push((row_span, place));
        // A bad cell's own name wins over its row's (they share a span in a one-cell row).
        t.places.append(&mut bad_cells);
        t.rows.push(if bad { Row::bad(row_span) } else { r });
    }
    t
}

#[cfg(test)]
mod tests {
    use super::column_letters;

    #[test]
    fn column_letters_as_excel_writes_them() {
        let got: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|&c| column_letters(c))
            .collect();
        assert_eq!(got, ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
