//! Timing and counts of a requirement: `每年至少1次`, `30日内`, `每年一季度`, `按人数10%`.

use chrono::NaiveDate;
use pest::iterators::Pair;

use super::{build_ratio, empty_ident, Ctx, MAX_COUNT, MAX_YEARS};
use crate::ast;
use crate::diagnostics::Diag;
use crate::span::Span;
use crate::syntax::parser::Rule;

pub(super) fn build_ratio_cover(
    ctx: &mut Ctx,
    pair: Pair<Rule>,
    span: Span,
) -> Option<ast::Timing> {
    let mut period = ast::Period::Year;
    let mut basis = ast::PopulationBasis::Any;
    let mut ratio = Err(empty_ident(span));
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::period => period = build_period(ctx, p),
            Rule::basis => {
                basis = match p.into_inner().next()?.as_rule() {
                    Rule::basis_start => ast::PopulationBasis::Start,
                    Rule::basis_end => ast::PopulationBasis::End,
                    _ => ast::PopulationBasis::Any,
                }
            }
            Rule::ratio => ratio = Ok(build_ratio(ctx, p)?),
            Rule::ratio_param => ratio = Err(ctx.ident(&p)),
            r => unreachable!("{r:?} in build_ratio_cover"),
        }
    }
    Some(ast::Timing::Ratio {
        period,
        basis,
        ratio,
        span,
    })
}

pub(super) fn build_timing(ctx: &mut Ctx, pair: Pair<Rule>) -> Option<ast::Timing> {
    let t = pair.into_inner().next()?;
    let span = ctx.span(&t);
    Some(match t.as_rule() {
        Rule::periodic => build_periodic(ctx, t, span),
        Rule::each => ast::Timing::Each(span),
        Rule::first => ast::Timing::First(span),
        Rule::term_cover => ast::Timing::TermCover(span),
        Rule::ratio_cover => return build_ratio_cover(ctx, t, span),
        Rule::within => {
            let d = t.into_inner().next()?;
            if d.as_rule() == Rule::same_day {
                let zero = ast::Duration {
                    n: 0,
                    unit: ast::DurUnit::Day,
                };
                ast::Timing::Within(zero, span)
            } else {
                ast::Timing::Within(build_duration(ctx, d), span)
            }
        }
        Rule::beforehand => {
            let bound = t
                .into_inner()
                .next()
                .and_then(|w| w.into_inner().next())
                .map(|d| match d.as_rule() {
                    Rule::same_day => ast::Duration {
                        n: 0,
                        unit: ast::DurUnit::Day,
                    },
                    _ => build_duration(ctx, d),
                });
            ast::Timing::Beforehand(bound, span)
        }
        r => unreachable!("{r:?} in build_timing"),
    })
}

pub(super) fn build_periodic(ctx: &mut Ctx, pair: Pair<Rule>, span: Span) -> ast::Timing {
    let mut period = ast::Period::Year;
    let mut position = None;
    let mut count = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::period => period = build_period(ctx, p),
            Rule::position => position = build_position(ctx, p),
            Rule::count => count = Some(build_count(ctx, p)),
            r => unreachable!("{r:?} in build_periodic"),
        }
    }
    ast::Timing::Periodic {
        period,
        position,
        count,
        span,
    }
}

pub(super) fn build_period(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::Period {
    let Some(p) = pair.into_inner().next() else {
        unreachable!("empty period")
    };
    match p.as_rule() {
        Rule::p_year => ast::Period::Year,
        Rule::p_half => ast::Period::HalfYear,
        Rule::p_quarter => ast::Period::Quarter,
        Rule::p_month => ast::Period::Month,
        Rule::p_week => ast::Period::Week,
        Rule::p_years => match p.into_inner().next() {
            Some(n) => match ctx.bounded(&n, 1..=MAX_YEARS, ("每N年的 N", "N of 每N年")) {
                1 => ast::Period::Year,
                n => ast::Period::Years(n),
            },
            None => unreachable!("p_years without a number"),
        },
        r => unreachable!("{r:?} in build_period"),
    }
}

pub(super) fn build_position(ctx: &mut Ctx, pair: Pair<Rule>) -> Option<ast::Position> {
    let p = pair.into_inner().next()?;
    Some(match p.as_rule() {
        Rule::pos_quarter => {
            let n = p.into_inner().next()?;
            let span = ctx.span(&n);
            let q = ctx.number(&n);
            if !(1..=4).contains(&q) {
                ctx.diags.push(
                    Diag::error(
                        "E0102",
                        format!("没有第{q}季度"),
                        format!("there is no quarter {q}"),
                    )
                    .at(span, "季度应为一至四", "a quarter is 1 to 4"),
                );
            }
            ast::Position::Quarter(q.clamp(1, 4))
        }
        Rule::pos_first_half => ast::Position::Half(1),
        Rule::pos_second_half => ast::Position::Half(2),
        Rule::pos_window_end => ast::Position::WindowEnd,
        Rule::pos_date => {
            let span = ctx.span(&p);
            let mut month = 0;
            let mut day = 0;
            for (i, x) in p.into_inner().enumerate() {
                match (i, x.as_rule()) {
                    (0, Rule::number) => month = ctx.number(&x),
                    (_, Rule::number) => day = ctx.number(&x),
                    (_, Rule::pos_month_end) => day = 0,
                    (_, r) => unreachable!("{r:?} in pos_date"),
                }
            }
            if NaiveDate::from_ymd_opt(2024, month.max(1), day.max(1)).is_none() || month == 0 {
                ctx.diags.push(
                    Diag::error(
                        "E0107",
                        format!("没有{month}月{day}日"),
                        format!("there is no day {month}-{day}"),
                    )
                    .at(span, "不是有效的月日", "not a valid month and day"),
                );
            }
            ast::Position::ByDate {
                month: month.clamp(1, 12),
                day,
            }
        }
        r => unreachable!("{r:?} in build_position"),
    })
}

pub(super) fn build_count(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::Count {
    let mut op = ast::CountOp::AtLeast;
    let mut n = 1;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::count_op => {
                op = match p.into_inner().next().map(|o| o.as_rule()) {
                    Some(Rule::op_at_most) => ast::CountOp::AtMost,
                    Some(Rule::op_exactly) => ast::CountOp::Exactly,
                    _ => ast::CountOp::AtLeast,
                }
            }
            Rule::number => n = ctx.bounded(&p, 0..=MAX_COUNT, ("次数", "the count")),
            r => unreachable!("{r:?} in build_count"),
        }
    }
    ast::Count { op, n }
}

pub(super) fn build_duration(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::Duration {
    let mut number = None;
    let mut unit = ast::DurUnit::Day;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::number => number = Some(p),
            Rule::dur_unit => {
                unit = match p.into_inner().next().map(|u| u.as_rule()) {
                    Some(Rule::du_week) => ast::DurUnit::Week,
                    Some(Rule::du_month) => ast::DurUnit::Month,
                    Some(Rule::du_year) => ast::DurUnit::Year,
                    _ => ast::DurUnit::Day,
                }
            }
            r => unreachable!("{r:?} in build_duration"),
        }
    }
    // At most MAX_YEARS years in any unit.
    let max = match unit {
        ast::DurUnit::Day => MAX_YEARS * 366,
        ast::DurUnit::Week => MAX_YEARS * 53,
        ast::DurUnit::Month => MAX_YEARS * 12,
        ast::DurUnit::Year => MAX_YEARS,
    };
    let n = number.map_or(0, |p| ctx.bounded(&p, 0..=max, ("期限", "the time limit")));
    ast::Duration { n, unit }
}
