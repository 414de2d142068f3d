//! Writing a fact set in the other forms: an XLSX workbook (dates as date cells) and GBK CSV.
//! Used to produce `examples/demo.xlsx` and `examples/demo-gbk/` from `examples/demo/`
//! (`cargo run --example convert_demo`) and by the tests that check all forms agree.
//! Pure: bytes in, bytes out.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::decode::{decode, EncodingChoice};
use super::TABLES;

/// One table as plain text: its name and its rows (the header first).
pub type PlainTable = (String, Vec<Vec<String>>);

/// The columns written as date cells in a workbook.
pub const DATE_COLUMNS: &[&str] = &["起始", "终止", "日期", "start", "end", "date"];

/// The number format of date cells.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";

/// Reads CSV files (`…/单位.csv` etc., any supported encoding) into plain tables, in table
/// order. Rows are kept as read; unreadable records end the table.
pub fn read_csv_plain(files: &[(String, Vec<u8>)]) -> Vec<PlainTable> {
    let mut out = Vec::new();
    for t in TABLES {
        let Some((_, bytes)) = files.iter().find(|(n, _)| {
            std::path::Path::new(n)
                .file_stem()
                .is_some_and(|s| s.to_string_lossy() == *t)
        }) else {
            continue;
        };
        let text = decode(bytes, EncodingChoice::Auto).text;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let rows = rdr
            .records()
            .map_while(Result::ok)
            .map(|r| r.iter().map(str::to_string).collect())
            .collect();
        out.push((t.to_string(), rows));
    }
    out
}

/// A workbook with one sheet per table. Values of [`DATE_COLUMNS`] that are dates become date
/// cells; everything else is text. The document's creation time is fixed, so the same tables
/// give the same bytes.
pub fn to_xlsx(tables: &[PlainTable]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let date = Format::new().set_num_format(DATE_FORMAT);
    let bold = Format::new().set_bold();
    for (name, rows) in tables {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        let header = rows.first().cloned().unwrap_or_default();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c16) = (r as u32, c as u16);
                if r == 0 {
                    ws.write_string_with_format(r, c16, v, &bold)?;
                    continue;
                }
                let is_date_col = header
                    .get(c)
                    .is_some_and(|h| DATE_COLUMNS.contains(&h.trim().to_lowercase().as_str()));
                // A date Excel cannot hold (before 1900: a typo such as 0202-03-01) stays text,
                // so the reader reports it as written.
                let excel = crate::text::parse_date(v.trim())
                    .filter(|_| is_date_col)
                    .and_then(|d| {
                        use chrono::Datelike;
                        let y = u16::try_from(d.year()).ok()?;
                        ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
                    });
                match excel {
                    Some(x) => {
                        ws.write_datetime_with_format(r, c16, &x, &date)?;
                    }
                    None if v.is_empty() => {}
                    None => {
                        ws.write_string(r, c16, v)?;
                    }
                }
            }
        }
        for (c, h) in header.iter().enumerate() {
            let w = if DATE_COLUMNS.contains(&h.as_str()) {
                12.0
            } else {
                14.0
            };
            ws.set_column_width(c as u16, w)?;
        }
    }
    wb.save_to_buffer()
}

/// CSV text re-encoded as GBK with `\r\n` line ends, as Excel on Chinese Windows saves it.
/// `None` if the text holds a character GBK cannot encode.
pub fn to_gbk_csv(text: &str) -> Option<Vec<u8>> {
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    (!unmappable).then(|| bytes.into_owned())
}
