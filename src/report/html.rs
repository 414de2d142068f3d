//! The HTML report (`eval --format html`): one self-contained page (inline CSS and JS, no
//! network resources, system fonts) with the summary by status and by rule and a table of
//! instances that filters by status, unit, rule and period. The filters also read the URL hash
//! (`报告.html#status=violated&unit=U12`), so a link can open the page filtered.
//!
//! INVARIANT: a pure function of the report, byte-identical for the same input; every piece of
//! text from rules or facts goes through [`esc`], so the page never runs or loads anything the
//! facts contain.

use std::fmt::Write;

use serde_json::Value;

use super::json::{requirement, trigger_name};
use super::Report;
use crate::diagnostics::Lang;
use crate::eval::{Instance, Party, Status};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Chinese or English.
#[derive(Clone, Copy)]
struct T(Lang);

impl T {
    fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self.0 {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn status(self, s: Status) -> &'static str {
        match self.0 {
            Lang::Zh => s.zh(),
            Lang::En => s.as_str(),
        }
    }
}

/// Renders the report as one HTML page.
pub fn to_html(r: &Report, lang: Lang) -> String {
    let t = T(lang);
    let title = format!(
        "{} {} {}",
        r.ruleset.name,
        t.t("评估报告", "evaluation report"),
        r.as_of
    );
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        t.t("zh-CN", "en"),
        esc(&title)
    );
    header(&mut h, r, t);
    summary(&mut h, r, t);
    filters(&mut h, r, t);
    instances(&mut h, r, t);
    let _ = write!(h, "<script>\n{JS}</script>\n</body>\n</html>\n");
    h
}

fn header(h: &mut String, r: &Report, t: T) {
    let _ = write!(
        h,
        "<header>\n<h1>{} <span class=\"sub\">{}</span></h1>\n<p class=\"meta\">{} {} · {}</p>\n</header>\n",
        esc(&r.ruleset.name),
        t.t("评估报告", "evaluation report"),
        t.t("评估日期", "as of"),
        r.as_of,
        esc(&r.facts_line(t.0))
    );
}

/// Cards by status, then the table by rule; every count links to the filtered instances.
fn summary(h: &mut String, r: &Report, t: T) {
    let total: usize = r.summary().iter().map(|(_, n)| n).sum();
    let _ = write!(
        h,
        "<section id=\"summary\">\n<h2>{}</h2>\n<div class=\"cards\">\n",
        t.t("按状态", "by status")
    );
    for (s, n) in r.summary() {
        let _ = writeln!(
            h,
            "<a class=\"card s-{k}\" href=\"#status={k}\"><span>{}</span><b id=\"n-{k}\">{n}</b></a>",
            t.status(s),
            k = s.as_str()
        );
    }
    let _ = write!(
        h,
        "<a class=\"card total\" href=\"#\"><span>{}</span><b id=\"n-total\">{total}</b></a>\n</div>\n",
        t.t("合计", "total")
    );
    by_rule(h, r, t);
    if !r.outcome.skipped.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul class=\"skipped\">",
            t.t("未评估的规则", "rules not evaluated")
        );
        for s in &r.outcome.skipped {
            let _ = writeln!(h, "<li>{}</li>", esc(&r.skipped_note(s, t.0)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// The table of counts by rule and status; each count links to its instances.
fn by_rule(h: &mut String, r: &Report, t: T) {
    let sums = r.summary();
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table class=\"by-rule\">\n<thead><tr><th>{}</th><th>{}</th>",
        t.t("按规则", "by rule"),
        t.t("规则", "rule"),
        t.t("条款", "clause")
    );
    for (s, _) in &sums {
        let _ = write!(h, "<th class=\"num\">{}</th>", t.status(*s));
    }
    let total = t.t("合计", "total");
    let _ = writeln!(h, "<th class=\"num\">{total}</th></tr></thead>\n<tbody>");
    for (ri, counts) in r.by_rule() {
        let rule = &r.ruleset.rules[ri];
        let q = hash_value(&rule.id);
        let _ = write!(
            h,
            "<tr><td><a href=\"#rule={q}\">{}</a></td><td>{}</td>",
            esc(&rule.id),
            esc(&rule.clause)
        );
        for ((s, _), n) in sums.iter().zip(&counts) {
            let _ = match n {
                0 => write!(h, "<td class=\"num zero\">0</td>"),
                n => write!(
                    h,
                    "<td class=\"num\"><a href=\"#rule={q}&amp;status={}\">{n}</a></td>",
                    s.as_str()
                ),
            };
        }
        let _ = writeln!(
            h,
            "<td class=\"num\">{}</td></tr>",
            counts.iter().sum::<usize>()
        );
    }
    let _ = write!(h, "</tbody>\n<tfoot><tr><td colspan=\"2\">{total}</td>");
    for (_, n) in &sums {
        let _ = write!(h, "<td class=\"num\">{n}</td>");
    }
    let all: usize = sums.iter().map(|(_, n)| n).sum();
    let _ = writeln!(h, "<td class=\"num\">{all}</td></tr></tfoot>\n</table>");
}

/// A value for the URL hash, percent-encoded as `encodeURIComponent` does.
fn hash_value(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(b as char),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    esc(&out)
}

/// The filter controls: status, unit (subject's or responsible party's), rule, period.
fn filters(h: &mut String, r: &Report, t: T) {
    let all = t.t("全部", "all");
    let _ = write!(
        h,
        "<section id=\"instances\">\n<h2>{}</h2>\n<form id=\"filters\" autocomplete=\"off\">\n\
         <label>{} <select name=\"status\"><option value=\"\">{all}</option>",
        t.t("实例", "instances"),
        t.t("状态", "status")
    );
    for (s, _) in r.summary() {
        let _ = write!(
            h,
            "<option value=\"{}\" data-alt=\"{}\">{}</option>",
            s.as_str(),
            s.zh(),
            t.status(s)
        );
    }
    let _ = write!(
        h,
        "</select></label>\n<label>{} <select name=\"unit\"><option value=\"\">{all}</option>",
        t.t("单位", "unit")
    );
    for (u, unit) in r.facts.units.iter().enumerate() {
        if r.unit_rows(u as u32).is_empty() {
            continue;
        }
        let _ = write!(
            h,
            "<option value=\"{}\" data-alt=\"{}\">{}</option>",
            esc(&unit.id),
            esc(&unit.name),
            esc(&format!("{}（{}）", unit.name, unit.id))
        );
    }
    let _ = write!(
        h,
        "</select></label>\n<label>{} <select name=\"rule\"><option value=\"\">{all}</option>",
        t.t("规则", "rule")
    );
    for (ri, rule) in r.ruleset.rules.iter().enumerate() {
        if r.outcome.instances.iter().any(|i| i.rule == ri) {
            let _ = write!(
                h,
                "<option value=\"{0}\" data-alt=\"{1}\">{0}</option>",
                esc(&rule.id),
                esc(&rule.name)
            );
        }
    }
    let _ = write!(
        h,
        "</select></label>\n<label>{} <input type=\"date\" name=\"from\"></label>\n\
         <label>{} <input type=\"date\" name=\"to\"></label>\n\
         <button type=\"reset\">{}</button>\n</form>\n",
        t.t("期间自", "period from"),
        t.t("至", "to"),
        t.t("清除筛选", "clear filters")
    );
    let n = r.outcome.instances.len();
    let _ = writeln!(
        h,
        "<p id=\"nomatch\" class=\"nomatch\" hidden data-zh=\"{}\"></p>",
        t.t(
            "网址中的筛选值没有对应的选项，已忽略：",
            "filter values in the address match nothing and were ignored: "
        )
    );
    let _ = writeln!(
        h,
        "<p class=\"shown\">{}<output id=\"shown\">{n}</output> / {n}{}</p>",
        t.t("显示 ", "showing "),
        t.t(" 条", "")
    );
}

fn instances(h: &mut String, r: &Report, t: T) {
    let heads = [
        t.t("状态", "status"),
        t.t("规则与原文", "rule and source text"),
        t.t("期间", "period"),
        t.t("对象", "subject"),
        t.t("责任人", "responsible"),
        t.t("要求", "requirement"),
        t.t("次数", "count"),
        t.t("期限", "due"),
        t.t("依据", "evidence"),
    ];
    h.push_str("<table id=\"inst\">\n<thead><tr>");
    for c in heads {
        let _ = write!(h, "<th>{c}</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for i in &r.outcome.instances {
        row(h, r, t, i);
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<p id=\"none\" hidden>{}</p>\n</section>\n",
        t.t(
            "没有符合筛选条件的实例。",
            "no instance matches the filters."
        )
    );
}

fn row(h: &mut String, r: &Report, t: T, i: &Instance) {
    let rule = &r.ruleset.rules[i.rule];
    let s = i.status.as_str();
    let runit = i
        .responsible
        .map_or(String::new(), |p| r.facts.units[p.unit as usize].id.clone());
    let _ = write!(
        h,
        "<tr class=\"s-{s}\" data-status=\"{s}\" data-rule=\"{}\" data-unit=\"{}\" data-runit=\"{}\" \
         data-start=\"{}\" data-end=\"{}\">",
        esc(&rule.id),
        esc(&r.facts.units[i.subject.unit as usize].id),
        esc(&runit),
        i.period.start,
        i.period.end
    );
    let _ = write!(
        h,
        "<td data-label=\"{}\"><span class=\"badge\">{}</span>{}</td><td data-label=\"{}\"><b>{}</b><div class=\"src\">「{}」<cite>{} {}</cite></div></td>",
        t.t("状态", "status"),
        t.status(i.status),
        match super::why::why(r, i, t.0) {
            w if w.is_empty() => String::new(),
            w => format!("<div class=\"why\">{}</div>", esc(&w)),
        },
        t.t("规则与原文", "rule and source text"),
        esc(&rule.id),
        esc(&rule.source.text),
        esc(&rule.source.document),
        esc(&rule.source.item)
    );
    let period = if i.period.start == i.period.end {
        i.period.start.to_string()
    } else {
        format!("{}<br>~ {}", i.period.start, i.period.end)
    };
    let _ = write!(
        h,
        "<td class=\"date\" data-label=\"{}\">{period}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>\
         <td data-label=\"{}\">{}</td><td class=\"num\" data-label=\"{}\">{}</td><td class=\"date\" data-label=\"{}\">{}</td><td data-label=\"{}\">",
        t.t("期间", "period"),
        t.t("对象", "subject"),
        party(r, Some(i.subject), t),
        t.t("责任人", "responsible"),
        party(r, i.responsible, t),
        t.t("要求", "requirement"),
        esc(&requirement_text(r, i, t)),
        t.t("次数", "count"),
        i.count,
        t.t("期限", "due"),
        i.due.map(|d| d.to_string()).unwrap_or_default(),
        t.t("依据", "evidence")
    );
    evidence(h, r, t, i);
    h.push_str("</td></tr>\n");
}

fn party(r: &Report, p: Option<Party>, t: T) -> String {
    let Some(p) = p else {
        return format!(
            "<span class=\"vacant\">{}</span>",
            t.t("（空缺）", "(vacant)")
        );
    };
    let unit = &r.facts.units[p.unit as usize];
    match p.person {
        Some(pi) => {
            let person = &r.facts.people[pi as usize];
            let name = person.shown_name();
            format!(
                "{} <small>{}</small><br><small>{}</small>",
                esc(name),
                esc(&person.id),
                esc(&unit.name)
            )
        }
        None => format!("{} <small>{}</small>", esc(&unit.name), esc(&unit.id)),
    }
}

/// `至少1次 监督谈话`, `30日内 任职谈话`, `事先 请示报告` from the JSON requirement; a
/// prohibition as the act it forbids (`不得 决策（会议类型=专题会议）`, `不得先于 X 表态`).
fn requirement_text(r: &Report, i: &Instance, t: T) -> String {
    let rule = &r.ruleset.rules[i.rule];
    if let Some(crate::ir::RuleBody::ForbiddenAssignment { areas }) = &rule.body {
        return match t.0 {
            Lang::Zh => format!("不得 分管 {}", areas.join("、")),
            Lang::En => format!("must not be in charge of {}", areas.join(", ")),
        };
    }
    if let Some(crate::ir::RuleBody::Prohibited {
        event,
        cond,
        before,
    }) = &rule.body
    {
        let act = match cond {
            Some(c) => format!("{}（{}）", r.event_display(event), c.text),
            None => r.event_display(event),
        };
        return match (before, t.0) {
            (Some(b), Lang::Zh) => format!("不得先于{} {act}", b.text),
            (Some(b), Lang::En) => format!("must not {act} before {}", b.text),
            (None, Lang::Zh) => format!("不得 {act}"),
            (None, Lang::En) => format!("must not {act}"),
        };
    }
    let req = requirement(r, rule, i);
    let num = |k: &str| req.get(k).and_then(Value::as_u64);
    let event = req.get("event").and_then(Value::as_str).unwrap_or_default();
    let mut parts = Vec::new();
    if req.get("before") == Some(&Value::Bool(true)) {
        parts.push(t.t("事先", "before").to_string());
    }
    if let Some(d) = num("within_days") {
        parts.push(match t.0 {
            Lang::Zh => format!("{d}日内"),
            Lang::En => format!("within {d} days"),
        });
    }
    let timed = !parts.is_empty();
    parts.push(match (num("min"), num("max"), t.0) {
        // `30日内 任职谈话` means once: the count is said only when it is more.
        (Some(1), None, _) if timed => String::new(),
        (Some(a), Some(b), Lang::Zh) if a == b => format!("恰好{a}次"),
        (Some(a), Some(b), Lang::En) if a == b => format!("exactly {a}×"),
        (Some(a), None, Lang::Zh) => format!("至少{a}次"),
        (Some(a), None, Lang::En) => format!("at least {a}×"),
        (None, Some(b), Lang::Zh) => format!("至多{b}次"),
        (None, Some(b), Lang::En) => format!("at most {b}×"),
        (Some(a), Some(b), _) => format!("{a}–{b}"),
        (None, None, _) => String::new(),
    });
    parts.push(event.to_string());
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// The trigger, then each counted event with its date and kind.
fn evidence(h: &mut String, r: &Report, t: T, i: &Instance) {
    if let Some(tr) = &i.trigger {
        let what = match tr.fact {
            crate::eval::TriggerFact::Event(e) => format!("（{}）", r.event_id(e)),
            crate::eval::TriggerFact::Tenure(_) => String::new(),
            crate::eval::TriggerFact::Violation { rule, period } => format!(
                "（{} {}~{}）",
                r.ruleset.rules[rule].id, period.start, period.end
            ),
        };
        let _ = write!(
            h,
            "<div class=\"trigger\">{} {} {}{}</div>",
            t.t("触发：", "trigger:"),
            esc(&trigger_name(r, &tr.kind)),
            tr.date,
            esc(&what)
        );
    }
    if i.evidence.is_empty() {
        return;
    }
    h.push_str("<ul class=\"ev\">");
    for &e in &i.evidence {
        let ev = &r.facts.events[e as usize];
        let _ = write!(
            h,
            "<li><code>{}</code> {} {}</li>",
            esc(&ev.id),
            ev.date,
            esc(&r.event_display(&ev.kind))
        );
    }
    h.push_str("</ul>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn hash_values_are_percent_encoded_like_encode_uri_component() {
        assert_eq!(
            hash_value("(三).监督谈话"),
            "(%E4%B8%89).%E7%9B%91%E7%9D%A3%E8%B0%88%E8%AF%9D"
        );
        assert_eq!(hash_value("a&b=c d"), "a%26b%3Dc%20d");
    }
}
