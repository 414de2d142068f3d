//! Writes the demo fact set in its other forms, from `examples/demo/*.csv`:
//! `examples/demo.xlsx` (one sheet per table, dates as date cells) and `examples/demo-gbk/*.csv`
//! (GBK, CRLF, as Excel saves CSV on Chinese Windows).
//!
//! Run after changing the CSV tables: `cargo run --example convert_demo`. The test
//! `tests/demo_forms.rs` checks that the three forms are in step and give byte-identical reports.
//! Any other CSV fact directory: `cargo run --example convert_demo -- SRC_DIR OUT.xlsx OUT_GBK_DIR`.

use std::path::Path;

use guize::facts::convert::{read_csv_plain, to_gbk_csv, to_xlsx};
use guize::facts::TABLES;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (src, xlsx, gbk) = match args.as_slice() {
        [s, x, g] => (s.into(), x.into(), g.into()),
        _ => (
            root.join("demo"),
            root.join("demo.xlsx"),
            root.join("demo-gbk"),
        ),
    };
    let mut files = Vec::new();
    for t in TABLES {
        let p = src.join(format!("{t}.csv"));
        if p.exists() {
            files.push((p.display().to_string(), std::fs::read(&p)?));
        }
    }
    std::fs::write(&xlsx, to_xlsx(&read_csv_plain(&files))?)?;
    std::fs::create_dir_all(&gbk)?;
    for (path, bytes) in &files {
        let name = Path::new(path).file_name().ok_or("no file name")?;
        let text = String::from_utf8(bytes.clone())?;
        let encoded =
            to_gbk_csv(&text).ok_or_else(|| format!("{path}: a character GBK cannot encode"))?;
        std::fs::write(gbk.join(name), encoded)?;
    }
    println!(
        "wrote {} and {}/ from {}/",
        xlsx.display(),
        gbk.display(),
        src.display()
    );
    Ok(())
}
