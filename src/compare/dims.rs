//! The dimensions of the 从严 check, each decided on its own.

use super::words::{self, DimName};
use super::{Dim, Verdict};
use crate::ir::{self, CountOp, DurUnit, Duration, Modality, PartyExpr, Period, RuleBody, Scope};

/// Every dimension on which `local` differs from `base`, in a fixed order.
pub(super) fn all(base: &ir::Rule, local: &ir::Rule) -> Vec<Dim> {
    let mut out = Vec::new();
    let mut push = |name, verdict, b: String, l: String| {
        if verdict != Verdict::Same {
            out.push(Dim {
                name,
                verdict,
                base: b,
                local: l,
            })
        }
    };
    push(
        DimName::Modality,
        modality(base.modality, local.modality),
        modality_word(base.modality).into(),
        modality_word(local.modality).into(),
    );
    let (bs, ls) = (&base.subject, &local.subject);
    push(
        DimName::Population,
        population(bs, ls),
        bs.text.clone(),
        ls.text.clone(),
    );
    let party_text = |r: &ir::Rule| {
        let who = match (&r.responsible, r.anyone_acts) {
            _ if trigger_actor(r).is_some() => {
                trigger_actor(r).map_or(String::new(), |p| p.text.clone())
            }
            (Some(p), _) => p.text.clone(),
            (None, true) => "不限".into(),
            (None, false) => "（对象本人）".into(),
        };
        if r.mutual {
            format!("{who}（相互）")
        } else {
            who
        }
    };
    push(
        DimName::Responsible,
        responsible(base, local),
        party_text(base),
        party_text(local),
    );
    // Counting only events with a property: requiring more is stricter (the converse of a
    // prohibition's conditions).
    let w =
        |c: &Option<ir::FieldCond>| c.as_ref().map_or("（不限）".into(), |c| c.text.clone());
    push(
        DimName::Required,
        forbidden(local.event_cond.as_ref(), base.event_cond.as_ref()),
        w(&base.event_cond),
        w(&local.event_cond),
    );
    for d in body(base, local) {
        push(d.name, d.verdict, d.base, d.local);
    }
    out
}

/// `责任人 不限` counts any actor's event: naming an actor (or the subject itself) counts fewer
/// events, so it is stricter; two different named actors are incomparable. `相互` counts the
/// subject's events on either side (主体 or 对象): dropping it is stricter, adding it looser.
fn responsible(b: &ir::Rule, l: &ir::Rule) -> Verdict {
    // `责任人 发现者` names an actor (the trigger event's): stricter than 不限 like any named
    // actor; against another actor only the same trigger party is the same.
    match (trigger_actor(b), trigger_actor(l)) {
        (None, None) => {}
        (Some(x), Some(y)) if x == y => return Verdict::Same,
        (None, Some(_)) if b.anyone_acts => return Verdict::Stricter,
        (Some(_), None) if l.anyone_acts => return Verdict::Looser,
        _ => return Verdict::Incomparable,
    }
    let actor = match (b.anyone_acts, l.anyone_acts) {
        (true, true) => Verdict::Same,
        (true, false) => Verdict::Stricter,
        (false, true) => Verdict::Looser,
        (false, false) if b.responsible == l.responsible => Verdict::Same,
        (false, false) => Verdict::Incomparable,
    };
    let sides = match (b.mutual, l.mutual) {
        (true, false) => Verdict::Stricter,
        (false, true) => Verdict::Looser,
        _ => Verdict::Same,
    };
    match (actor, sides) {
        (a, Verdict::Same) => a,
        (Verdict::Same, s) => s,
        (a, s) if a == s => a,
        _ => Verdict::Incomparable,
    }
}

fn modality_word(m: Modality) -> &'static str {
    match m {
        Modality::Obligation => "应当",
        Modality::Default => "一般",
        Modality::Permission => "可以",
        Modality::Prohibition => "不得",
    }
}

fn modality(b: Modality, l: Modality) -> Verdict {
    let rank = |m| match m {
        Modality::Permission => Some(0),
        Modality::Default => Some(1),
        Modality::Obligation => Some(2),
        Modality::Prohibition => None,
    };
    match (rank(b), rank(l)) {
        _ if b == l => Verdict::Same,
        (Some(x), Some(y)) => order(y.cmp(&x)),
        _ => Verdict::Incomparable,
    }
}

/// `Greater` = the local value binds more.
fn order(o: std::cmp::Ordering) -> Verdict {
    match o {
        std::cmp::Ordering::Greater => Verdict::Stricter,
        std::cmp::Ordering::Equal => Verdict::Same,
        std::cmp::Ordering::Less => Verdict::Looser,
    }
}

/// A wider population binds more parties: stricter.
fn population(b: &PartyExpr, l: &PartyExpr) -> Verdict {
    match (covers(l, b), covers(b, l)) {
        (true, true) => Verdict::Same,
        (true, false) => Verdict::Stricter,
        (false, true) => Verdict::Looser,
        (false, false) => Verdict::Incomparable,
    }
}

/// Whether every party `b` denotes (as a subject) is also denoted by `a`.
fn covers(a: &PartyExpr, b: &PartyExpr) -> bool {
    let scope = |s| match s {
        Scope::SameUnit => Scope::Any,
        s => s,
    };
    let scope_ok = match (scope(a.scope), scope(b.scope)) {
        (x, y) if x == y => true,
        (Scope::Any, _) => true,
        (Scope::LowerLevel, Scope::ChildUnit) => true,
        _ => false,
    };
    a.target == b.target
        && scope_ok
        && (a.unit_kind.is_none() || a.unit_kind == b.unit_kind)
        && (a.except.is_none() || a.except == b.except)
}

/// The dimensions of the requirement itself.
fn body(base: &ir::Rule, local: &ir::Rule) -> Vec<Dim> {
    let docs = [
        base.version.ruleset.as_str(),
        local.version.ruleset.as_str(),
    ];
    let dim = |name, verdict, b: String, l: String| Dim {
        name,
        verdict,
        base: b,
        local: l,
    };
    if base.body.is_some() && base.body == local.body && base.trigger_links == local.trigger_links {
        return Vec::new();
    }
    let (b, l) = match (&base.body, &local.body) {
        (None, None) if base.open_params == local.open_params => return Vec::new(),
        (None, _) | (_, None) => {
            let verdict = match (&base.body, &local.body) {
                (None, Some(_)) => Verdict::Stricter,
                (Some(_), None) => Verdict::Looser,
                _ => Verdict::Incomparable,
            };
            return vec![dim(
                DimName::Concretised,
                verdict,
                words::body(base),
                words::body(local),
            )];
        }
        (Some(b), Some(l)) => (b, l),
    };
    let mut out = Vec::new();
    let (be, le) = (b.event(), l.event());
    if be != le {
        out.push(dim(
            DimName::Event,
            Verdict::Incomparable,
            be.into(),
            le.into(),
        ));
    }
    match (b, l) {
        (
            RuleBody::Periodic {
                period: bp,
                position: bpos,
                count: bc,
                target: bt,
                ..
            },
            RuleBody::Periodic {
                period: lp,
                position: lpos,
                count: lc,
                target: lt,
                ..
            },
        ) => {
            let f = frequency(*bp, *bc, *lp, *lc);
            out.push(dim(
                DimName::Frequency,
                f,
                format!("{}{}", words::period(*bp), words::count(*bc)),
                format!("{}{}", words::period(*lp), words::count(*lc)),
            ));
            let d = deadline(*bp, *bpos, *lp, *lpos);
            out.push(dim(
                DimName::Deadline,
                d,
                words::position(*bpos),
                words::position(*lpos),
            ));
            out.push(target(bt.as_ref(), lt.as_ref()));
        }
        (
            RuleBody::Triggered {
                triggers: bt,
                limit: bl,
                target: btg,
                ..
            },
            RuleBody::Triggered {
                triggers: lt,
                limit: ll,
                target: ltg,
                ..
            },
        ) => {
            out.push(triggers(bt, lt, docs));
            let (bk, lk) = (&base.trigger_links, &local.trigger_links);
            let (bd, ld) = (deadline_field(bk), deadline_field(lk));
            if bd.is_none() && ld.is_none() {
                out.push(dim(
                    DimName::Response,
                    shorter(*bl, *ll),
                    words::duration(*bl),
                    words::duration(*ll),
                ));
            } else {
                // A deadline each document writes cannot be ordered against a fixed one.
                let w = |f: Option<&str>, d: Duration| {
                    f.map_or_else(|| words::duration(d), |f| format!("按 {f}"))
                };
                let v = if bd == ld {
                    Verdict::Same
                } else {
                    Verdict::Incomparable
                };
                out.push(dim(DimName::Response, v, w(bd, *bl), w(ld, *ll)));
            }
            let (br, lr) = (recipient(bk), recipient(lk));
            if br.is_none() && lr.is_none() {
                out.push(target(btg.as_ref(), ltg.as_ref()));
            } else {
                out.push(linked_target(btg.as_ref(), br, ltg.as_ref(), lr));
            }
        }
        (
            RuleBody::Precedence {
                triggers: bt,
                limit: bl,
                ..
            },
            RuleBody::Precedence {
                triggers: lt,
                limit: ll,
                ..
            },
        ) => {
            out.push(triggers(bt, lt, docs));
            let v = match (bl, ll) {
                (None, None) => Verdict::Same,
                (None, Some(_)) => Verdict::Stricter,
                (Some(_), None) => Verdict::Looser,
                (Some(b), Some(l)) => shorter(*b, *l),
            };
            let w = |d: &Option<Duration>| d.map_or("不限".into(), words::duration);
            out.push(dim(DimName::Before, v, w(bl), w(ll)));
        }
        (
            RuleBody::Ratio {
                period: bp,
                ratio: br,
                basis: bb,
                population: bpop,
                ..
            },
            RuleBody::Ratio {
                period: lp,
                ratio: lr,
                basis: lb,
                population: lpop,
                ..
            },
        ) => {
            // A larger share of the population in each window binds more.
            let pct = |(n, d): (u64, u64)| format!("{}%", n as f64 * 100.0 / d.max(1) as f64);
            let larger = order(
                (u128::from(lr.0) * u128::from(br.1)).cmp(&(u128::from(br.0) * u128::from(lr.1))),
            );
            out.push(dim(DimName::Ratio, larger, pct(*br), pct(*lr)));
            out.push(dim(
                DimName::Frequency,
                window(*bp, *lp),
                words::period(*bp),
                words::period(*lp),
            ));
            let v = if bb == lb {
                population(bpop, lpop)
            } else {
                Verdict::Incomparable
            };
            out.push(dim(
                DimName::Population,
                v,
                bpop.text.clone(),
                lpop.text.clone(),
            ));
        }
        (
            RuleBody::TermCoverage {
                population: bpop, ..
            },
            RuleBody::TermCoverage {
                population: lpop, ..
            },
        ) => out.push(dim(
            DimName::Population,
            population(bpop, lpop),
            bpop.text.clone(),
            lpop.text.clone(),
        )),
        (
            RuleBody::Prohibited {
                cond: bc,
                before: bo,
                ..
            },
            RuleBody::Prohibited {
                cond: lc,
                before: lo,
                ..
            },
        ) => {
            // Fewer conditions forbid more events: stricter.
            let fewer = |b: bool, l: bool| match (b, l) {
                (true, false) => Verdict::Stricter,
                (false, true) => Verdict::Looser,
                _ => Verdict::Incomparable,
            };
            let v = forbidden(bc.as_ref(), lc.as_ref());
            let w = |c: &Option<ir::FieldCond>| {
                c.as_ref().map_or("（所有）".into(), |c| c.text.clone())
            };
            out.push(dim(DimName::Property, v, w(bc), w(lc)));
            let v = match (bo, lo) {
                (x, y) if x == y => Verdict::Same,
                (x, y) => fewer(x.is_some(), y.is_some()),
            };
            let w = |p: &Option<PartyExpr>| {
                p.as_ref()
                    .map_or("（不限次序）".into(), |p| format!("先于{}", p.text))
            };
            out.push(dim(DimName::Order, v, w(bo), w(lo)));
        }
        (
            RuleBody::ForbiddenAssignment { areas: ba },
            RuleBody::ForbiddenAssignment { areas: la },
        ) => out.push(dim(
            DimName::Property,
            forbidden_areas(ba, la),
            format!("分管 {}", ba.join("、")),
            format!("分管 {}", la.join("、")),
        )),
        _ => out.push(dim(
            DimName::Pattern,
            Verdict::Incomparable,
            words::body(base),
            words::body(local),
        )),
    }
    out.retain(|d| d.verdict != Verdict::Same);
    out
}

/// Two assignment prohibitions (`不得 分管 …`): forbidding more areas (a superset, compared
/// folded) is stricter, fewer looser; neither containing the other is incomparable.
pub(super) fn forbidden_areas(b: &[String], l: &[String]) -> Verdict {
    let set = |v: &[String]| -> std::collections::BTreeSet<String> {
        v.iter().map(|a| crate::text::fold(a)).collect()
    };
    let (bs, ls) = (set(b), set(l));
    match (ls.is_superset(&bs), bs.is_superset(&ls)) {
        (true, true) => Verdict::Same,
        (true, false) => Verdict::Stricter,
        (false, true) => Verdict::Looser,
        (false, false) => Verdict::Incomparable,
    }
}

/// The forbidden property of two prohibitions: the local rule forbids more (从严) when every
/// condition it keeps follows from the base's conditions (fewer conditions, or a wider
/// threshold: `金额≥1000` forbids more than `金额≥3000`), less when the converse holds.
fn forbidden(b: Option<&ir::FieldCond>, l: Option<&ir::FieldCond>) -> Verdict {
    let bs = b.map(ir::FieldCond::all).unwrap_or_default();
    let ls = l.map(ir::FieldCond::all).unwrap_or_default();
    // Every condition of `to` follows from some condition of `from`.
    let follows = |from: &[&ir::FieldCond], to: &[&ir::FieldCond]| {
        to.iter().all(|t| from.iter().any(|f| implies(f, t)))
    };
    match (follows(&bs, &ls), follows(&ls, &bs)) {
        (true, true) => Verdict::Same,
        (true, false) => Verdict::Stricter,
        (false, true) => Verdict::Looser,
        (false, false) => Verdict::Incomparable,
    }
}

/// Whether every event meeting `a` meets `b` (same field; equal, or a threshold inside
/// another's: `≥3000` ⇒ `≥1000`, `=5000` ⇒ `≥3000`).
fn implies(a: &ir::FieldCond, b: &ir::FieldCond) -> bool {
    use ir::CmpOp::*;
    if a.field != b.field {
        return false;
    }
    let (Some(av), Some(bv)) = (&a.value, &b.value) else {
        return b.value.is_none();
    };
    if a.op == b.op && av == bv {
        return true;
    }
    let (Ok(x), Ok(y)) = (av.parse::<f64>(), bv.parse::<f64>()) else {
        return false;
    };
    match (a.op, b.op) {
        (Eq, op) => x.partial_cmp(&y).is_some_and(|o| op.holds(o)),
        (Ge | Gt, Ge) => x >= y,
        (Ge, Gt) => x > y,
        (Gt, Gt) => x >= y,
        (Le | Lt, Le) => x <= y,
        (Le, Lt) => x < y,
        (Lt, Lt) => x <= y,
        _ => false,
    }
}

/// Coverage checked in nested windows: a shorter window that divides the base's is checked
/// more often (stricter), a longer one less often (looser).
fn window(b: Period, l: Period) -> Verdict {
    if b == l {
        return Verdict::Same;
    }
    match (months(b), months(l)) {
        (Some(b), Some(l)) if b % l == 0 => Verdict::Stricter,
        (Some(b), Some(l)) if l % b == 0 => Verdict::Looser,
        _ => Verdict::Incomparable,
    }
}

/// Months in a window, where windows nest (a week does not nest in a month).
fn months(p: Period) -> Option<u32> {
    match p {
        Period::Week => None,
        Period::Month => Some(1),
        Period::Quarter => Some(3),
        Period::HalfYear => Some(6),
        Period::Year => Some(12),
        Period::Years(n) => Some(12 * n),
    }
}

/// Window and count together: 每半年1次 is stricter than 每年2次 (each half has one, so each
/// year has two), 每年4次 is looser than 每季度1次 (all four may fall in one quarter).
pub(super) fn frequency(bp: Period, bc: ir::Count, lp: Period, lc: ir::Count) -> Verdict {
    if bp == lp {
        return match (bc.op, lc.op) {
            (CountOp::AtLeast, CountOp::AtLeast) => order(lc.n.cmp(&bc.n)),
            (CountOp::AtMost, CountOp::AtMost) => order(bc.n.cmp(&lc.n)),
            _ if bc == lc => Verdict::Same,
            (CountOp::Exactly, CountOp::AtLeast) if lc.n > bc.n => Verdict::Incomparable,
            (CountOp::AtLeast, CountOp::Exactly) if lc.n >= bc.n => Verdict::Stricter,
            (CountOp::AtMost, CountOp::Exactly) if lc.n <= bc.n => Verdict::Stricter,
            _ => Verdict::Incomparable,
        };
    }
    let (Some(b), Some(l)) = (months(bp), months(lp)) else {
        return Verdict::Incomparable;
    };
    if bc.op != CountOp::AtLeast || lc.op != CountOp::AtLeast {
        return Verdict::Incomparable;
    }
    if l < b && b % l == 0 {
        // Every base window holds b/l local windows, each with at least lc.n events.
        if (b / l) * lc.n >= bc.n {
            Verdict::Stricter
        } else {
            Verdict::Looser
        }
    } else if l > b && l % b == 0 {
        // The local events may all fall in one base window; the others then have none.
        if bc.n == 0 {
            Verdict::Same
        } else {
            Verdict::Looser
        }
    } else {
        Verdict::Incomparable
    }
}

/// An earlier deadline inside the same window is stricter.
fn deadline(
    bp: Period,
    bpos: Option<ir::Position>,
    lp: Period,
    lpos: Option<ir::Position>,
) -> Verdict {
    if bpos == lpos {
        return Verdict::Same;
    }
    if bp != lp {
        return Verdict::Incomparable;
    }
    let day = |p: Option<ir::Position>| -> u32 {
        match p {
            None | Some(ir::Position::WindowEnd) => 1231,
            Some(ir::Position::Quarter(q)) => [331, 630, 930, 1231][(q.clamp(1, 4) - 1) as usize],
            Some(ir::Position::Half(1)) => 630,
            Some(ir::Position::Half(_)) => 1231,
            Some(ir::Position::ByDate { month, day }) => month * 100 + day.min(31),
        }
    };
    order(day(bpos).cmp(&day(lpos)))
}

/// The range of days a duration can span.
fn days(d: Duration) -> (u64, u64) {
    let n = u64::from(d.n);
    match d.unit {
        DurUnit::Day => (n, n),
        DurUnit::Week => (7 * n, 7 * n),
        DurUnit::Month => (28 * n, 31 * n),
        DurUnit::Year => (365 * n, 366 * n),
    }
}

/// A shorter time limit is stricter; 1个月 against 30日 cannot be decided.
pub(super) fn shorter(b: Duration, l: Duration) -> Verdict {
    if b.unit == l.unit {
        return order(b.n.cmp(&l.n));
    }
    let (bl, bh) = days(b);
    let (ll, lh) = days(l);
    if lh < bl {
        Verdict::Stricter
    } else if ll > bh {
        Verdict::Looser
    } else if (bl, bh) == (ll, lh) {
        Verdict::Same
    } else {
        Verdict::Incomparable
    }
}

/// Compares trigger sets. A `违反` trigger names a rule by its id in the ruleset being checked:
/// `(二十五).反馈整改` when 安徽省措施 is checked alone, `安徽省措施(二十五).反馈整改` when a
/// ruleset inheriting it is (`guize diff` compares the two views), so the two rules' documents
/// are left out of the ids compared.
fn triggers(b: &[ir::Trigger], l: &[ir::Trigger], docs: [&str; 2]) -> Dim {
    let key = |t: &ir::Trigger| match t {
        ir::Trigger::Violation(id) => {
            let local = docs
                .iter()
                .find_map(|d| id.strip_prefix(d).filter(|_| !d.is_empty()))
                .unwrap_or(id);
            ir::Trigger::Violation(local.to_string())
        }
        other => other.clone(),
    };
    let (bk, lk): (Vec<_>, Vec<_>) = (b.iter().map(key).collect(), l.iter().map(key).collect());
    let sub = |x: &[ir::Trigger], y: &[ir::Trigger]| x.iter().all(|t| y.contains(t));
    let verdict = match (sub(&bk, &lk), sub(&lk, &bk)) {
        (true, true) => Verdict::Same,
        (true, false) => Verdict::Stricter,
        (false, true) => Verdict::Looser,
        (false, false) => Verdict::Incomparable,
    };
    let w = |v: &[ir::Trigger]| v.iter().map(words::trigger).collect::<Vec<_>>().join("或");
    Dim {
        name: DimName::Triggers,
        verdict,
        base: w(b),
        local: w(l),
    }
}

fn target(b: Option<&PartyExpr>, l: Option<&PartyExpr>) -> Dim {
    let verdict = match (b, l) {
        (None, None) => Verdict::Same,
        (None, Some(_)) => Verdict::Stricter,
        (Some(_), None) => Verdict::Looser,
        (Some(x), Some(y)) if x == y => Verdict::Same,
        _ => Verdict::Incomparable,
    };
    let w = |p: Option<&PartyExpr>| p.map_or("（不限）".into(), |p| p.text.clone());
    Dim {
        name: DimName::Target,
        verdict,
        base: w(b),
        local: w(l),
    }
}

/// `责任人 发现者` of a rule, if it has one.
fn trigger_actor(r: &ir::Rule) -> Option<&ir::TriggerParty> {
    r.trigger_links.as_ref().and_then(|l| l.actor.as_ref())
}

/// The field of `按 期限`, as written.
fn deadline_field(l: &Option<Box<ir::TriggerLinks>>) -> Option<&str> {
    l.as_ref()
        .filter(|l| l.deadline.is_some())
        .map(|l| l.deadline_text.as_str())
}

/// `向 函询的主体`, if given.
fn recipient(l: &Option<Box<ir::TriggerLinks>>) -> Option<&ir::TriggerParty> {
    l.as_ref().and_then(|l| l.recipient.as_ref())
}

/// 向 X where either side's X comes from the trigger event: naming a recipient is stricter than
/// none; two recipients are the same only when written alike.
fn linked_target(
    bt: Option<&PartyExpr>,
    br: Option<&ir::TriggerParty>,
    lt: Option<&PartyExpr>,
    lr: Option<&ir::TriggerParty>,
) -> Dim {
    let text = |t: Option<&PartyExpr>, r: Option<&ir::TriggerParty>| match (t, r) {
        (_, Some(r)) => Some(r.text.clone()),
        (Some(t), None) => Some(t.text.clone()),
        (None, None) => None,
    };
    let (b, l) = (text(bt, br), text(lt, lr));
    let verdict = match (&b, &l) {
        (None, None) => Verdict::Same,
        (None, Some(_)) => Verdict::Stricter,
        (Some(_), None) => Verdict::Looser,
        _ if br.is_some() && br == lr => Verdict::Same,
        _ => Verdict::Incomparable,
    };
    Dim {
        name: DimName::Target,
        verdict,
        base: b.unwrap_or_else(|| "（不限）".into()),
        local: l.unwrap_or_else(|| "（不限）".into()),
    }
}
