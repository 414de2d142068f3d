//! Writes the demo fact set in its other forms, from `examples/demo/*.csv`:
//! `examples/demo.xlsx` (one sheet per table, dates as date cells) and `examples/demo-gbk/*.csv`
//! (GBK, CRLF, as Excel saves CSV on Chinese Windows).
//!
//! Run after changing the CSV tables: `cargo run --example convert_demo`. The test
//! `tests/demo_forms.rs` checks that the three forms are in step and give byte-identical reports.

use std::path::Path;

use guize::facts::convert::{read_csv_plain, to_gbk_csv, to_xlsx};
use guize::facts::TABLES;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let src = root.join("demo");
    let mut files = Vec::new();
    for t in TABLES {
        let p = src.join(format!("{t}.csv"));
        if p.exists() {
            files.push((p.display().to_string(), std::fs::read(&p)?));
        }
    }
    std::fs::write(root.join("demo.xlsx"), to_xlsx(&read_csv_plain(&files))?)?;
    let gbk = root.join("demo-gbk");
    std::fs::create_dir_all(&gbk)?;
    for (path, bytes) in &files {
        let name = Path::new(path).file_name().ok_or("no file name")?;
        let text = String::from_utf8(bytes.clone())?;
        let encoded =
            to_gbk_csv(&text).ok_or_else(|| format!("{path}: a character GBK cannot encode"))?;
        std::fs::write(gbk.join(name), encoded)?;
    }
    println!("wrote examples/demo.xlsx and examples/demo-gbk/ from examples/demo/");
    Ok(())
}
