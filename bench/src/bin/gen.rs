//! `gen`: writes a synthetic province in the CSV directory form of the fact contract.
//!
//! Usage: gen --events 100k|1M|10M|N [--seed N] --out DIR [--ruleset DIR]
//! The event kinds and fields are read from the ruleset (default rulesets/安徽省措施 with its
//! base); the output depends only on the seed, the size and that vocabulary.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use guize::span::SourceMap;
use guize_bench::cal::{ymd, Cal};
use guize_bench::events::{Batch, Gen};
use guize_bench::rng::Rng;
use guize_bench::shapes::Vocab;
use guize_bench::world::World;
use guize_bench::write;

struct Args {
    events: u64,
    seed: u64,
    out: PathBuf,
    ruleset: String,
}

fn parse_count(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mult) = match s.chars().last()? {
        'k' => (&s[..s.len() - 1], 1_000),
        'm' => (&s[..s.len() - 1], 1_000_000),
        _ => (s.as_str(), 1),
    };
    num.parse::<u64>().ok().map(|n| n * mult)
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        events: 100_000,
        seed: 1,
        out: PathBuf::new(),
        ruleset: "rulesets/安徽省措施".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut val = || it.next().ok_or(format!("{k} 需要一个值 / needs a value"));
        match k.as_str() {
            "--events" => a.events = parse_count(&val()?).ok_or("--events: 100k|1M|10M|N")?,
            "--seed" => a.seed = val()?.parse().map_err(|_| "--seed: 整数 / an integer")?,
            "--out" => a.out = PathBuf::from(val()?),
            "--ruleset" => a.ruleset = val()?,
            _ => return Err(format!("未知参数 / unknown argument `{k}`\n用法 / usage: gen --events 100k|1M|10M [--seed N] --out DIR [--ruleset DIR]")),
        }
    }
    if a.out.as_os_str().is_empty() {
        return Err("需要 --out DIR / --out DIR is required".into());
    }
    Ok(a)
}

fn vocab(ruleset: &str) -> Result<Vocab, String> {
    let mut sources = SourceMap::default();
    let (rs, diags) = guize::cli::load::ruleset(ruleset, &mut sources);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    match rs {
        Some(rs) if errors == 0 => {
            for role in ["一把手", "班子成员", "纪委书记", "组织部长"] {
                if rs.vocab.role(role).is_none() {
                    return Err(format!("{ruleset}: 没有声明职务 {role} / role {role} not declared"));
                }
            }
            Ok(Vocab::new(&rs.vocab))
        }
        _ => {
            let first = diags.iter().find(|d| d.is_error());
            let why = first.map_or(String::new(), |d| format!("{} / {}", d.message.zh, d.message.en));
            Err(format!("{ruleset}: 规则集有错误（guize check 列出全部）/ the ruleset has errors: {why}"))
        }
    }
}

fn run(a: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let t0 = Instant::now();
    let v = vocab(&a.ruleset)?;
    std::fs::create_dir_all(&a.out)?;
    let cal = Cal::new();
    let world = World::new((a.events / 500).max(40), &mut Rng::new(a.seed, 1));
    write::units(&a.out, &world)?;
    write::people(&a.out, &world, &mut Rng::new(a.seed, 2))?;
    write::tenures(&a.out, &world, &cal)?;
    write::terms(&a.out, &world, &cal, &mut Rng::new(a.seed, 3))?;
    let mut t = write::Table::create(&a.out, "事件.csv", &write::event_header(&v))?;
    let (mut written, mut next) = (0u64, 0u32);
    let mut batch = Batch::default();
    let n = world.parties.len() as u64;
    for (i, &u) in world.parties.iter().enumerate() {
        batch.clear();
        let goal = a.events * (i as u64 + 1) / n;
        let need = goal.saturating_sub(written) as usize;
        let mut g = Gen {
            w: &world,
            v: &v,
            cal: &cal,
            rng: Rng::new(a.seed, 1000 + u as u64),
            b: &mut batch,
            tmp: Vec::new(),
        };
        batch_events(&mut g, u, need);
        let extra = need.saturating_sub(g.b.evs.len());
        let evs = g.with_duplicates(extra);
        write::events(&mut t, &evs, &batch, &v, &cal, &mut next)?;
        written += evs.len() as u64;
    }
    t.finish()?;
    eprintln!(
        "{}: {} 单位 / units, {} 人员 / people, {} 事件 / events ({:.2} s)",
        a.out.display(),
        world.units.len(),
        world.people,
        written,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Every event of 党委 `u`'s batch but the duplicates: about 100/101 of `need`.
fn batch_events(g: &mut Gen, u: u32, need: usize) {
    g.appointment(u);
    g.first_meetings(u);
    for y in 2021..=2025 {
        let (ys, ye) = (ymd(y, 1, 1), ymd(y, 12, 31));
        g.supervision(u, ys, ye);
        g.yearly(u, ys, ye);
        g.below(u, ys, ye);
        g.leave(u, ys, ye);
    }
    g.bulk(u, need * 100 / 101);
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
