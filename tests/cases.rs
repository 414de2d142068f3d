//! The case corpus: `tests/cases/<name>/rules.guize` with optional facts (`facts.json`,
//! `facts.xlsx` or a `facts/` directory of CSV tables) and an optional `as_of` file (default 2024-12-31).
//!
//! A case whose rules.guize says `继承 NAME` finds its base rulesets in `bases/NAME/` of the case
//! (each a directory, which may inherit further bases in `bases/`).
//!
//! One glob snapshot test per stage. Cases named `err_*` must produce at least one error, and
//! their snapshot is the rendered diagnostics; other cases must check without errors.

use std::path::{Path, PathBuf};

use guize::diagnostics::{render, Diag, Lang, Style};
use guize::eval::Config;
use guize::span::SourceMap;

struct Case {
    dir: PathBuf,
    name: String,
    sources: SourceMap,
    ruleset: guize::ir::Ruleset,
    diags: Vec<Diag>,
}

fn load_case(rules: &Path) -> Case {
    let dir = rules.parent().unwrap().to_path_buf();
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let mut sources = SourceMap::new();
    let text = std::fs::read_to_string(rules).unwrap();
    let id = sources.add(format!("{name}/rules.guize"), text);
    let (ast, mut diags) = guize::parse(&sources, id);
    let mut levels = match &ast.inherits {
        None => Vec::new(),
        Some(base) => {
            // Relative paths, so snapshots hold no machine's paths (tests run in the crate root).
            let bases = Path::new("tests/cases").join(&name).join("bases");
            let arg = bases.join(&base.text).display().to_string();
            match guize::cli::load::chain(&arg, Some(&bases), &mut sources) {
                Ok((levels, d)) => {
                    diags.extend(d);
                    levels
                }
                Err(d) => {
                    diags.extend(d);
                    Vec::new()
                }
            }
        }
    };
    levels.push(vec![ast]);
    let refs: Vec<&[guize::ast::File]> = levels.iter().map(|l| l.as_slice()).collect();
    let (ruleset, d) = guize::check_chain(&refs);
    diags.extend(d);
    Case {
        dir,
        name,
        sources,
        ruleset,
        diags,
    }
}

/// The case's facts, as a path relative to the crate (so snapshots hold no machine's paths).
fn facts_path(dir: &Path) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = dir.strip_prefix(root).unwrap_or(dir);
    [
        dir.join("facts.json"),
        dir.join("facts.xlsx"),
        dir.join("facts"),
    ]
    .into_iter()
    .find(|p| root.join(p).exists())
}

fn as_of(dir: &Path) -> chrono::NaiveDate {
    std::fs::read_to_string(dir.join("as_of"))
        .ok()
        .and_then(|s| guize::text::parse_date(s.trim()))
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap())
}

mod check {
    use super::*;

    /// Rendered diagnostics of every case; `err_*` cases must have an error, others none.
    #[test]
    fn check() {
        insta::glob!("cases/*/rules.guize", |path| {
            let case = load_case(path);
            let errors = case.diags.iter().filter(|d| d.is_error()).count();
            // `err_facts_*` cases have good rules and bad facts: the eval test checks those.
            if case.name.starts_with("err_") && !case.name.starts_with("err_facts") {
                assert!(
                    errors > 0,
                    "{}: an err_ case must produce an error",
                    case.name
                );
            } else {
                assert_eq!(
                    errors,
                    0,
                    "{}: unexpected errors:\n{}",
                    case.name,
                    render(&case.diags, &case.sources, Lang::Zh, Style::Plain)
                );
            }
            let mut text = render(&case.diags, &case.sources, Lang::Zh, Style::Plain);
            if case.name.starts_with("err_") {
                text.push_str("\n--- English ---\n");
                text.push_str(&render(&case.diags, &case.sources, Lang::En, Style::Plain));
            }
            let codes: Vec<&str> = guize::diagnostics::sorted(&case.diags)
                .iter()
                .map(|d| d.code)
                .collect();
            let chained = case.ruleset.chain.len() > 1;
            for r in &case.ruleset.rules {
                text.push_str(&describe(r));
                if chained {
                    text.push_str(&format!("  version {:?}", r.version));
                    if r.superseded {
                        text.push_str(" superseded");
                    }
                    if let Some(a) = &r.amends {
                        text.push_str(&format!(" amends {a:?}"));
                    }
                    text.push('\n');
                }
            }
            for x in &case.ruleset.repeals {
                text.push_str(&format!("repeal {x:?}\n"));
            }
            insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(format!("check__{}", case.name), format!("codes: {codes:?}\n{text}"));
            });
        });
    }
}

/// One line per checked rule: id, modality, subject, responsible, body.
fn describe(r: &guize::ir::Rule) -> String {
    use guize::ir::RuleBody;
    let party = |p: &guize::ir::PartyExpr| {
        format!(
            "{:?}/{:?}/kind={:?}/except={:?}",
            p.scope, p.target, p.unit_kind, p.except
        )
    };
    let body = match &r.body {
        None => format!("open {:?}", r.open_params),
        Some(RuleBody::Periodic {
            period,
            position,
            count,
            event,
            target,
        }) => {
            format!(
                "periodic {period:?} {position:?} {count:?} {event} to={:?}",
                target.as_ref().map(party)
            )
        }
        Some(RuleBody::Triggered {
            triggers,
            limit,
            event,
            target,
        }) => {
            let links = r.trigger_links.as_ref().map_or(String::new(), |l| {
                let tp = |p: &guize::ir::TriggerParty| {
                    format!("{:?}+{:?}", p.side, p.rel.as_ref().map(party))
                };
                format!(
                    " links(actor={:?} recipient={:?} deadline={:?})",
                    l.actor.as_ref().map(tp),
                    l.recipient.as_ref().map(tp),
                    l.deadline
                )
            });
            format!(
                "triggered {triggers:?} {limit:?} {event} to={:?}{links}",
                target.as_ref().map(party)
            )
        }
        Some(RuleBody::Precedence {
            triggers,
            limit,
            event,
        }) => format!("precedence {triggers:?} {limit:?} {event}"),
        Some(RuleBody::FirstAfter {
            triggers,
            event,
            cond,
        }) => format!("first-after {triggers:?} {event} ({})", cond.text),
        Some(RuleBody::EveryEvent { event, cond }) => format!("every {event} ({})", cond.text),
        Some(RuleBody::Prohibited {
            event,
            cond,
            before,
        }) => format!(
            "prohibited {event} cond={:?} before={:?}",
            cond.as_ref().map(|c| &c.text),
            before.as_ref().map(party)
        ),
        Some(RuleBody::Ratio {
            period,
            ratio,
            basis,
            population,
            event,
        }) => format!(
            "ratio {period:?} {ratio:?} {basis:?} pop={} {event}",
            party(population)
        ),
        Some(RuleBody::TermCoverage { population, event }) => {
            format!("term-coverage pop={} {event}", party(population))
        }
        Some(RuleBody::ForbiddenAssignment { areas }) => {
            format!("forbidden-assignment {}", areas.join("、"))
        }
    };
    let body = match &r.event_cond {
        Some(c) => format!("{body} cond={}", c.text),
        None => body,
    };
    let body = if r.mutual {
        format!("{body} mutual")
    } else {
        body
    };
    format!(
        "rule {} [{}] subject={} resp={} {body} 原文「{}」\n",
        r.id,
        r.modality.as_str(),
        party(&r.subject),
        if r.anyone_acts {
            "不限".to_string()
        } else {
            format!("{:?}", r.responsible.as_ref().map(party))
        },
        r.source.text
    )
}

/// The parts of an instance line that only some patterns have: trigger (P11, P12), excuse,
/// not-applicable reason, ratio arithmetic, uncovered members.
fn extras(
    facts: &guize::facts::Facts,
    i: &guize::eval::Instance,
    who: impl Fn(Option<guize::eval::Party>) -> String,
) -> String {
    use guize::eval::{Detail, TriggerFact};
    let mut s = String::new();
    if let Some(t) = &i.trigger {
        match t.fact {
            TriggerFact::Event(e) => {
                s.push_str(&format!(" trig={}@{}", facts.events[e as usize].id, t.date))
            }
            TriggerFact::Violation { period, .. } => s.push_str(&format!(
                " trig=violation {}~{}@{}",
                period.start, period.end, t.date
            )),
            TriggerFact::Tenure(_) => {}
        }
    }
    if let Some(e) = i.excuse {
        s.push_str(&format!(" excuse={}", facts.events[e as usize].id));
    }
    if let Some(r) = i.reason {
        s.push_str(&format!(" reason={}", r.as_str()));
    }
    match &i.detail {
        Some(Detail::Ratio { covered, .. }) => {
            let c: Vec<String> = covered.iter().map(|&p| who(Some(p))).collect();
            s.push_str(&format!(
                " {} covered=[{}]",
                guize::report::words::arithmetic(i).unwrap_or_default(),
                c.join(",")
            ));
        }
        Some(Detail::Coverage {
            term,
            population,
            uncovered,
        }) => {
            let u: Vec<String> = uncovered.iter().map(|&p| who(Some(p))).collect();
            s.push_str(&format!(
                " term={} pop={} uncovered=[{}]",
                term.as_deref().unwrap_or("-"),
                population.len(),
                u.join(",")
            ));
        }
        Some(Detail::Assignment { row, areas }) => {
            let a = &facts.assignments[*row];
            s.push_str(&format!(
                " assignment={}@{}:{}",
                facts.people[a.person as usize].id,
                a.start,
                areas.join("、")
            ));
        }
        None => {}
    }
    s
}

mod eval {
    use super::*;

    /// One line per instance of every case that has facts.
    #[test]
    fn eval() {
        insta::glob!("cases/*/rules.guize", |path| {
            let mut case = load_case(path);
            let Some(facts_path) = facts_path(&case.dir) else {
                return;
            };
            assert!(
                !case.diags.iter().any(Diag::is_error),
                "{} has rule errors",
                case.name
            );
            let (facts, fdiags) =
                guize::facts::load(&facts_path, &case.ruleset.vocab, &mut case.sources);
            if case.name.starts_with("err_facts") {
                assert!(
                    fdiags.iter().any(Diag::is_error),
                    "{}: an err_facts case must have fact errors",
                    case.name
                );
            }
            let as_of = as_of(&case.dir);
            let mut outcome = guize::evaluate(&case.ruleset, &facts, &Config { as_of });
            // A case with an `all` file also lists the not_applicable instances (`eval --all`).
            if case.dir.join("all").exists() {
                outcome.include_not_applicable(&case.ruleset, &facts, as_of);
            }
            let mut text = String::new();
            if !fdiags.is_empty() {
                text.push_str(&render(&fdiags, &case.sources, Lang::Zh, Style::Plain));
            }
            text.push_str(&format!(
                "as_of {as_of}; duplicates {:?}; skipped rows {}\n",
                facts.duplicates, facts.skipped_rows
            ));
            for i in &outcome.instances {
                let rule = &case.ruleset.rules[i.rule];
                let who = |p: Option<guize::eval::Party>| match p {
                    None => "-".to_string(),
                    Some(p) => {
                        let unit = &facts.units[p.unit as usize].id;
                        match p.person {
                            Some(x) => format!("{}@{unit}", facts.people[x as usize].id),
                            None => unit.clone(),
                        }
                    }
                };
                let ev: Vec<&str> = i
                    .evidence
                    .iter()
                    .map(|&e| facts.events[e as usize].id.as_str())
                    .collect();
                let id = if case.ruleset.chain.len() > 1 {
                    format!("{}@{}", rule.id, rule.version.ruleset)
                } else {
                    rule.id.clone()
                };
                text.push_str(&format!(
                    "{} {}~{} subj={} resp={} {} n={} due={} [{}]",
                    id,
                    i.period.start,
                    i.period.end,
                    who(Some(i.subject)),
                    who(i.responsible),
                    i.status.as_str(),
                    i.count,
                    i.due.map(|d| d.to_string()).unwrap_or_default(),
                    ev.join(",")
                ));
                text.push_str(&extras(&facts, i, who));
                text.push('\n');
            }
            for s in &outcome.skipped {
                text.push_str(&format!(
                    "skipped {} open {:?}\n",
                    case.ruleset.rules[s.rule].id, s.open_params
                ));
            }
            insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(format!("eval__{}", case.name), text);
            });
        });
    }
}
