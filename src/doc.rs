//! The woven document of `guize doc`: one self-contained HTML page that sets each item of the
//! source document beside the rules that encode it — its 原文, each rule's plain-language
//! requirement and its code as written, the parameters it uses resolved through `继承`
//! (assumptions marked), the inherited rule a local rule amends with the 从严 verdict
//! (`compare::compare`), repeals with their reasons, and the base rulesets' items the same way.
//!
//! Each document's section shows its rules as that document numbers them (`local_id`,
//! `(八).谈心谈话`, not the checked ruleset's qualified `中央意见(八).谈心谈话`): the section
//! and the anchor (`r-中央意见-(八).谈心谈话`) already name the document.
//!
//! Pure: the checked ruleset, the parsed files of each level and the source text in, HTML out.
//! Every text goes through [`esc`]. Each rule's worked examples (`例`) follow its code: the facts
//! as written, the evaluation date, the parameters they assume and the verdicts they expect, so
//! a reader sees the rule at work beside its sentence.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::ast;
use crate::compare::{self, words};
use crate::ir;
use crate::span::SourceMap;
use crate::syntax::layout::{layout, LineKind};
use crate::text::{fold, parse_number};

/// What the document is built from.
pub struct Input<'a> {
    /// The checked ruleset (the leaf of its chain).
    pub ruleset: &'a ir::Ruleset,
    /// The parsed files of each level of the chain, the root base first.
    pub levels: &'a [Vec<ast::File>],
    /// The text of every rule file.
    pub sources: &'a SourceMap,
    /// The full source document (`原文.txt` beside the rule files), if there is one.
    pub original: Option<&'a str>,
}

/// HTML-escapes text (the report page's escaping, one function for both pages).
pub(crate) use crate::report::html::esc;

/// The page.
pub fn to_html(input: &Input) -> String {
    let rs = input.ruleset;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · 规则对照</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        esc(&rs.name),
        include_str!("doc/doc.css")
    );
    header(&mut h, input);
    params(&mut h, input);
    let docs: Vec<&str> = rs.chain.iter().rev().map(|v| v.ruleset.as_str()).collect();
    for (i, doc) in docs.iter().enumerate() {
        let title = if i == 0 {
            format!("{doc}：条款与规则")
        } else {
            format!("继承的规则集 {doc}")
        };
        let _ = writeln!(
            h,
            "<h2 id=\"{}\">{}</h2>",
            esc(&doc_anchor(doc)),
            esc(&title)
        );
        for (item, clauses) in clauses_of(rs, doc) {
            clause(&mut h, input, doc, &item, &clauses);
        }
        repeals(&mut h, rs, doc);
    }
    if let Some(text) = input.original {
        let _ = writeln!(
            h,
            "<h2 id=\"original\">原文全文</h2>\n<details><summary>展开 {} 的原文</summary>\
             <pre class=\"original\">{}</pre></details>",
            esc(&rs.name),
            esc(text.trim())
        );
    }
    h.push_str("<footer>由 guize doc 生成。规则的原文摘自依据文件；“假定”表示原文未量化、由规则集给出的取值。</footer>\n</body>\n</html>\n");
    h
}

fn doc_anchor(doc: &str) -> String {
    format!("doc-{doc}")
}

fn rule_anchor(ruleset: &str, id: &str) -> String {
    format!("r-{ruleset}-{id}")
}

fn header(h: &mut String, input: &Input) {
    let rs = input.ruleset;
    let _ = writeln!(
        h,
        "<h1>{} <span class=\"sub\">规则对照</span></h1>",
        esc(&rs.name)
    );
    let mut meta = Vec::new();
    if let Some(b) = &rs.basis {
        meta.push(format!("依据 《{}》", esc(b.trim_matches(['《', '》']))));
    }
    if let Some(d) = rs.effective {
        meta.push(format!("生效 {d}"));
    }
    if rs.chain.len() > 1 {
        let links: Vec<String> = rs
            .chain
            .iter()
            .map(|v| {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    esc(&doc_anchor(&v.ruleset)),
                    esc(&v.ruleset)
                )
            })
            .collect();
        meta.push(format!("继承链 {}", links.join(" → ")));
    }
    let local: Vec<&ir::Rule> = rs
        .rules
        .iter()
        .filter(|r| r.version.ruleset == rs.name)
        .collect();
    let evaluable = local.iter().filter(|r| r.body.is_some()).count();
    let items = clauses_of(rs, &rs.name).len();
    meta.push(format!(
        "{items} 个条款，本规则集 {} 条规则（{evaluable} 条可评估）",
        local.len()
    ));
    let _ = writeln!(h, "<p class=\"meta\">{}</p>", meta.join(" · "));
    let _ = writeln!(
        h,
        "<p class=\"legend\">每个条款先列原文，再列编码它的规则：要求（白话）、适用对象、所用参数、修订关系及从严判定，\
         以及规则文件中的写法。<span class=\"badge principle\">原则性</span> 的条款没有可按日期检查的义务。</p>"
    );
}

/// The clauses of one document, merged by item (a clause continued in a second file is one
/// item) and sorted by the item's number (file order among equals).
fn clauses_of<'a>(rs: &'a ir::Ruleset, doc: &str) -> Vec<(String, Vec<&'a ir::Clause>)> {
    let mut items: Vec<(String, Vec<&ir::Clause>)> = Vec::new();
    for c in rs.clauses.iter().filter(|c| c.ruleset == doc) {
        match items.iter_mut().find(|(k, _)| *k == c.item) {
            Some((_, v)) => v.push(c),
            None => items.push((c.item.clone(), vec![c])),
        }
    }
    items.sort_by_key(|(k, _)| item_number(k));
    items
}

fn item_number(item: &str) -> u64 {
    let digits: String = item
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | '第' | '条' | '、' | ' '))
        .collect();
    parse_number(&digits).unwrap_or(u64::MAX)
}

fn clause(h: &mut String, input: &Input, doc: &str, item: &str, parts: &[&ir::Clause]) {
    let rs = input.ruleset;
    let title = parts
        .iter()
        .find_map(|c| c.title.clone())
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<section class=\"clause\" id=\"{}\">\n<h3>{} {}</h3>",
        esc(&format!("c-{doc}-{item}")),
        esc(item),
        esc(&title)
    );
    for text in parts.iter().filter_map(|c| c.text.as_deref()) {
        let _ = writeln!(h, "<blockquote class=\"orig\">{}</blockquote>", esc(text));
    }
    if parts.iter().any(|c| c.principle) {
        let reason = principle_reason(input.levels, doc, item).unwrap_or_default();
        let _ = writeln!(
            h,
            "<p class=\"principle\"><span class=\"badge principle\">原则性</span> 不设规则：{}</p>",
            esc(&reason)
        );
    }
    let mut rules: Vec<&ir::Rule> = rs
        .rules
        .iter()
        .filter(|r| r.version.ruleset == doc && fold(&r.source.item) == fold(item))
        .collect();
    rules.sort_by_key(|r| (r.span.file.0, r.span.start));
    if rules.is_empty() && !parts.iter().any(|c| c.principle) {
        h.push_str("<p class=\"none\">（此条款下没有规则）</p>\n");
    }
    for r in rules {
        rule(h, input, r);
    }
    h.push_str("</section>\n");
}

fn principle_reason(levels: &[Vec<ast::File>], doc: &str, item: &str) -> Option<String> {
    levels
        .iter()
        .flatten()
        .filter(|f| f.name.as_ref().is_some_and(|n| fold(&n.text) == fold(doc)))
        .flat_map(|f| &f.clauses)
        .find(|c| fold(&c.item.text) == fold(item) && c.principle.is_some())
        .and_then(|c| c.principle.clone())
}

fn modality(m: ir::Modality) -> (&'static str, &'static str) {
    match m {
        ir::Modality::Obligation => ("obligation", "义务"),
        ir::Modality::Default => ("default", "一般应当"),
        ir::Modality::Permission => ("permission", "可以"),
        ir::Modality::Prohibition => ("prohibition", "禁止"),
    }
}

fn rule(h: &mut String, input: &Input, r: &ir::Rule) {
    let rs = input.ruleset;
    let (mclass, mword) = modality(r.modality);
    let state = if r.body.is_some() {
        "<span class=\"badge ok\">可评估</span>"
    } else {
        "<span class=\"badge open\">未定参数，暂不评估</span>"
    };
    let _ = writeln!(
        h,
        "<article class=\"rule{}\" id=\"{}\">\n<h4>规则 {} <code>{}</code> <span class=\"badge {mclass}\">{mword}</span> {state}</h4>",
        if r.superseded { " superseded" } else { "" },
        esc(&rule_anchor(&r.version.ruleset, &r.local_id)),
        esc(&r.name),
        esc(&r.local_id)
    );
    if !r.source.text.is_empty() {
        let _ = writeln!(
            h,
            "<blockquote class=\"orig\">{}</blockquote>",
            esc(&r.source.text)
        );
    }
    h.push_str("<dl>\n");
    let plain = words::body(r);
    // Patterns without words of their own are shown by their code, opened below.
    let worded = plain != r.source.text;
    if worded {
        let _ = writeln!(h, "<dt>要求</dt><dd>{}</dd>", esc(&plain));
    }
    let _ = writeln!(h, "<dt>对象</dt><dd>{}</dd>", esc(&r.subject.text));
    if let Some(p) = &r.responsible {
        let _ = writeln!(h, "<dt>责任人</dt><dd>{}</dd>", esc(&p.text));
    }
    if let Some(c) = &r.consequence {
        let _ = writeln!(h, "<dt>违反</dt><dd>{}</dd>", esc(c));
    }
    let used = params_used(input, r);
    if !used.is_empty() {
        let _ = writeln!(h, "<dt>参数</dt><dd>{}</dd>", used.join("；"));
    }
    h.push_str("</dl>\n");
    amendment(h, rs, r);
    if let Some(code) = code_of(input.sources, r) {
        let _ = writeln!(
            h,
            "<details class=\"code\"{}><summary>规则文件中的写法（{}）</summary><pre>{}</pre></details>",
            if worded { "" } else { " open" },
            esc(&input.sources.location(r.span)),
            esc(&code)
        );
    }
    examples(h, input, r);
    h.push_str("</article>\n");
}

/// The rule's worked examples, folded: per example its name and date, the values it gives
/// parameters, its fact rows as written and its expected verdicts.
fn examples(h: &mut String, input: &Input, r: &ir::Rule) {
    let Some(a) = ast_rule(input.levels, r).filter(|a| !a.examples.is_empty()) else {
        return;
    };
    let names: Vec<&str> = a.examples.iter().map(|e| e.name.text.as_str()).collect();
    let _ = writeln!(
        h,
        "<details class=\"examples\"><summary>例（{}）：{}</summary>",
        a.examples.len(),
        esc(&names.join("、"))
    );
    for ex in &a.examples {
        let date = crate::examples::as_of(ex).map_or(String::new(), |d| format!("，截至 {d}"));
        let _ = writeln!(h, "<h5>例 {}{}</h5>", esc(&ex.name.text), esc(&date));
        if !ex.params.is_empty() {
            let ps: Vec<String> = ex
                .params
                .iter()
                .map(|p| esc(input.sources.text(p.span).trim()))
                .collect();
            let _ = writeln!(h, "<p class=\"assumed\">本例假定：{}</p>", ps.join("；"));
        }
        let rows: Vec<&str> = ex
            .rows
            .iter()
            .map(|row| input.sources.text(row.span).trim())
            .collect();
        if !rows.is_empty() {
            let _ = writeln!(h, "<pre>{}</pre>", esc(&rows.join("\n")));
        }
        h.push_str("<ul class=\"expect\">\n");
        for x in &ex.expects {
            let _ = writeln!(
                h,
                "<li>{} 在 {} 所在的期间：<b>{}</b></li>",
                esc(&x.subject),
                x.date,
                esc(&x.status)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</details>\n");
}

/// The amended base rule (with a link and the 从严 verdict), or the local rule that amends this
/// one.
fn amendment(h: &mut String, rs: &ir::Ruleset, r: &ir::Rule) {
    if let Some(am) = &r.amends {
        let base = rs
            .rules
            .iter()
            .find(|b| b.id == am.rule && b.version.ruleset == am.ruleset);
        // `am.rule` carries its document (`中央意见(八).谈心谈话`); the page shows the document
        // once, then the rule as its own document numbers it.
        let local = base.map_or_else(
            || {
                am.rule
                    .strip_prefix(am.ruleset.as_str())
                    .unwrap_or(&am.rule)
            },
            |b| b.local_id.as_str(),
        );
        let link = format!(
            "<a href=\"#{}\">{} {}</a>",
            esc(&rule_anchor(&am.ruleset, local)),
            esc(&am.ruleset),
            esc(local)
        );
        let verdict = match base {
            Some(b) => verdict(&compare::compare(b, r)),
            None => String::new(),
        };
        let loosen = am
            .loosen
            .as_ref()
            .map(|l| format!("；从宽理由：{}", esc(l)))
            .unwrap_or_default();
        let _ = writeln!(h, "<p class=\"amends\">修订 {link}：{verdict}{loosen}</p>");
    }
    if r.superseded {
        let by = rs.rules.iter().find(|l| {
            l.amends
                .as_ref()
                .is_some_and(|a| a.rule == r.id && a.ruleset == r.version.ruleset)
        });
        if let Some(l) = by {
            let _ = writeln!(
                h,
                "<p class=\"amended-by\">已由 <a href=\"#{}\">{} {}</a> 修订{}</p>",
                esc(&rule_anchor(&l.version.ruleset, &l.local_id)),
                esc(&l.version.ruleset),
                esc(&l.local_id),
                l.version
                    .effective
                    .map(|d| format!("（{d} 起）"))
                    .unwrap_or_default()
            );
        }
    }
}

fn verdict(c: &compare::Comparison) -> String {
    let class = c.verdict.en();
    let mut s = format!(
        "<span class=\"verdict v-{class}\">{}</span>",
        c.verdict.zh()
    );
    let dims: Vec<String> = c
        .dims
        .iter()
        .map(|d| {
            format!(
                "{}：{} → {}（{}）",
                esc(d.name.zh()),
                esc(&d.base),
                esc(&d.local),
                d.verdict.zh()
            )
        })
        .collect();
    if !dims.is_empty() {
        let _ = write!(s, " <span class=\"dims\">{}</span>", dims.join("；"));
    }
    s
}

/// The parameters a rule's requirement names, with their values resolved through 继承.
fn params_used(input: &Input, r: &ir::Rule) -> Vec<String> {
    let Some(ast_rule) = ast_rule(input.levels, r) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    if let Some(req) = &ast_rule.requirement {
        match &req.timing {
            Some(ast::Timing::Param(p)) => names.push(p.key.clone()),
            Some(ast::Timing::Ratio { ratio: Err(p), .. }) => names.push(p.key.clone()),
            _ => {}
        }
    }
    let origins = param_origins(input.levels);
    names
        .iter()
        .filter_map(|n| input.ruleset.params.iter().find(|p| &p.name.key == n))
        .map(|p| param_words(p, origins.get(&p.name.key)))
        .collect()
}

fn ast_rule<'a>(levels: &'a [Vec<ast::File>], r: &ir::Rule) -> Option<&'a ast::Rule> {
    levels
        .iter()
        .flatten()
        .flat_map(|f| &f.clauses)
        .flat_map(|c| &c.rules)
        .find(|a| a.span.file == r.span.file && a.span.start == r.span.start)
}

/// For each parameter: the rulesets that declared it open and the one that gave its value.
fn param_origins(levels: &[Vec<ast::File>]) -> BTreeMap<String, (Vec<String>, Option<String>)> {
    let mut out: BTreeMap<String, (Vec<String>, Option<String>)> = BTreeMap::new();
    for f in levels.iter().flatten() {
        let doc = f.name.as_ref().map(|n| n.text.clone()).unwrap_or_default();
        for d in &f.decls {
            if let ast::Decl::Param(p) = d {
                let e = out.entry(p.name.key.clone()).or_default();
                match p.value {
                    Some(_) => e.1 = Some(doc.clone()),
                    None => e.0.push(doc.clone()),
                }
            }
        }
    }
    out
}

fn param_words(p: &ir::Param, origin: Option<&(Vec<String>, Option<String>)>) -> String {
    let value = crate::lsp::analysis::value(p);
    let note = match (p.value, origin) {
        (None, _) => "<span class=\"badge open\">未定</span>".to_string(),
        (Some(_), Some((open, Some(by)))) if !open.is_empty() => format!(
            "<span class=\"badge assumed\">假定</span>（{} 中未定，{} 取值）",
            esc(&open.join("、")),
            esc(by)
        ),
        (Some(_), Some((_, Some(by)))) => format!("（{} 给定）", esc(by)),
        _ => String::new(),
    };
    match p.value {
        None => format!("<code>{}</code> {note}", esc(&p.name.display)),
        Some(_) => format!(
            "<code>{}</code> = {}{note}",
            esc(&p.name.display),
            esc(&value)
        ),
    }
}

fn params(h: &mut String, input: &Input) {
    let rs = input.ruleset;
    if rs.params.is_empty() {
        return;
    }
    let origins = param_origins(input.levels);
    h.push_str("<h2 id=\"params\">参数（沿继承链取值）</h2>\n<ul class=\"params\">\n");
    for p in &rs.params {
        let _ = writeln!(h, "<li>{}</li>", param_words(p, origins.get(&p.name.key)));
    }
    h.push_str("</ul>\n");
}

fn repeals(h: &mut String, rs: &ir::Ruleset, doc: &str) {
    let list: Vec<&ir::Repeal> = rs.repeals.iter().filter(|x| x.ruleset == doc).collect();
    if list.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<h3>{} 中被下级废止或不适用的规则</h3>\n<ul class=\"repeals\">",
        esc(doc)
    );
    for x in list {
        let word = if x.not_applicable {
            "不适用"
        } else {
            "废止"
        };
        let _ = writeln!(
            h,
            "<li><code>{}</code> {word}（{}）：{}<blockquote class=\"orig\">{}</blockquote></li>",
            esc(&x.rule),
            esc(&x.by),
            esc(&x.reason),
            esc(&x.text)
        );
    }
    h.push_str("</ul>\n");
}

/// The rule's lines as written: its `规则` line and the lines under it (comments included).
fn code_of(sources: &SourceMap, r: &ir::Rule) -> Option<String> {
    let f = sources.get(r.span.file);
    let start = r.span.start as usize;
    let lines = layout(&f.text);
    let first = lines
        .iter()
        .position(|l| l.range.start <= start && start <= l.range.end)?;
    let mut end = lines[first].range.end;
    for l in &lines[first + 1..] {
        match &l.kind {
            LineKind::Statement(s) if s.depth.is_some_and(|d| d < 2) => break,
            LineKind::Blank => break,
            _ => end = l.range.end,
        }
    }
    let line_start = f.text[..lines[first].range.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    Some(f.text[line_start..end].to_string())
}
