//! `floor`: the parse floor of issue 9. Reads the CSV tables of a fact directory with the `csv`
//! crate (one reused `ByteRecord`, one thread) and does nothing else; prints the rows counted.
//!
//! Usage: floor DIR

use std::process::ExitCode;

fn count(path: &std::path::Path) -> csv::Result<u64> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_path(path)?;
    let mut rec = csv::ByteRecord::new();
    let mut n = 0;
    while r.read_byte_record(&mut rec)? {
        n += 1;
    }
    Ok(n)
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("用法 / usage: floor DIR");
        return ExitCode::from(2);
    };
    let mut total = 0;
    for name in ["单位.csv", "人员.csv", "任职.csv", "事件.csv", "届次.csv"] {
        let path = std::path::Path::new(&dir).join(name);
        if !path.exists() {
            continue;
        }
        match count(&path) {
            Ok(n) => {
                println!("{name}\t{n}");
                total += n;
            }
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    println!("rows\t{total}");
    ExitCode::SUCCESS
}
