//! What the language server knows about one open rule file, without any LSP type: the ruleset
//! it belongs to (its directory, the bases followed through `继承` as `cli/load.rs` finds them,
//! open documents read from memory), the diagnostics of `check`, and what a name at a place
//! refers to. Positions are byte offsets into the document.

use std::path::{Path, PathBuf};

use crate::cli::load::{self, Overlay};
use crate::diagnostics::Diag;
use crate::ir;
use crate::span::{FileId, SourceMap, Span};
use crate::syntax::layout::{layout, LineKind, PieceKind};
use crate::text::fold;

/// One document, checked with its ruleset.
pub struct Analysis {
    /// Every file read (the document, its sibling files, the bases).
    pub sources: SourceMap,
    /// The document's id in `sources`.
    pub doc: FileId,
    /// The checked ruleset, when the chain could be loaded.
    pub ruleset: Option<ir::Ruleset>,
    /// Every diagnostic of `check`.
    pub diags: Vec<Diag>,
}

/// A clause in the outline: its label and title, its span, its rules (name and span).
pub type OutlineClause = (String, Span, Vec<(String, Span)>);

/// What a name refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// What kind of thing: 事项, 职务, 单位类别, 参数, 规则, 字段, 规则集.
    pub kind: &'static str,
    /// Markdown shown on hover.
    pub text: String,
    /// Where it is declared or written.
    pub span: Option<Span>,
}

/// Checks `text` as the document at `path`, with the rest of its ruleset and its bases.
/// `overlay` holds the other open documents; `search` is looked in first for bases.
pub fn analyse(path: &Path, text: &str, overlay: &Overlay, search: Option<&Path>) -> Analysis {
    let mut sources = SourceMap::new();
    let mut overlay = overlay.clone();
    overlay.insert(path.to_path_buf(), text.to_string());
    if let Ok(c) = path.canonicalize() {
        overlay.insert(c, text.to_string());
    }
    let on_disk = path.is_file();
    let arg = match path.parent() {
        Some(dir) if on_disk && !dir.as_os_str().is_empty() => dir.display().to_string(),
        _ => path.display().to_string(),
    };
    let loaded = if on_disk {
        load::chain_with(&arg, search, &mut sources, &overlay)
    } else {
        Err(Vec::new())
    };
    let (ruleset, mut diags) = match loaded {
        Ok((levels, mut diags)) => {
            let refs: Vec<&[crate::ast::File]> = levels.iter().map(|l| l.as_slice()).collect();
            let (rs, d) = crate::check_chain(&refs);
            diags.extend(d);
            (Some(rs), diags)
        }
        Err(diags) => (None, diags),
    };
    let same = |name: &str| {
        let p = Path::new(name);
        p == path || p.canonicalize().ok() == path.canonicalize().ok() && on_disk
    };
    let found = sources
        .files()
        .find(|(_, f)| same(&f.name))
        .map(|(id, _)| id);
    let doc = match found {
        Some(id) => id,
        None => {
            // Not loaded with a ruleset (unsaved, or the chain failed): check it alone.
            let id = sources.add(path.display().to_string(), text.to_string());
            let (ast, d) = crate::parse(&sources, id);
            diags.extend(d);
            if ruleset.is_none() && diags.iter().all(|d| d.code != "E0245" && d.code != "E0246") {
                let (rs, d) = crate::check(std::slice::from_ref(&ast));
                diags.extend(d);
                return Analysis {
                    sources,
                    doc: id,
                    ruleset: Some(rs),
                    diags,
                };
            }
            id
        }
    };
    Analysis {
        sources,
        doc,
        ruleset,
        diags,
    }
}

impl Analysis {
    /// The document's text.
    pub fn text(&self) -> &str {
        &self.sources.get(self.doc).text
    }

    /// The diagnostics located in the document, or in no file (shown at its start).
    pub fn doc_diags(&self) -> impl Iterator<Item = &Diag> {
        self.diags
            .iter()
            .filter(|d| d.span.is_none_or(|s| s.file == self.doc))
    }

    /// The name (a token of the grammar) at byte offset `at`, with its byte range.
    pub fn token_at(&self, at: usize) -> Option<(std::ops::Range<usize>, String)> {
        let text = self.text();
        layout(text).into_iter().find_map(|line| match line.kind {
            LineKind::Statement(s) if line.range.start <= at && at <= line.range.end => s
                .pieces
                .into_iter()
                .filter(|p| p.kind == PieceKind::Token)
                .find(|p| p.range.start <= at && at <= p.range.end)
                .map(|p| (p.range.clone(), text[p.range].to_string())),
            _ => None,
        })
    }

    /// Everything the name `word` may refer to in the ruleset.
    pub fn lookup(&self, word: &str) -> Vec<Found> {
        let Some(rs) = &self.ruleset else {
            return Vec::new();
        };
        let key = fold(word);
        let mut found = Vec::new();
        if let Some(e) = rs.vocab.event(&key) {
            found.push(event(self, e));
        }
        if let Some(r) = rs.vocab.role(&key) {
            let sole = if r.sole {
                "（唯一：同一单位同时只有一人）"
            } else {
                ""
            };
            found.push(Found {
                kind: "职务",
                text: format!(
                    "**职务** `{}`{sole}\n\n{}",
                    r.name.display,
                    self.declared(r.name.span)
                ),
                span: Some(r.name.span),
            });
        }
        if let Some(k) = rs.vocab.unit_kind(&key) {
            found.push(Found {
                kind: "单位类别",
                text: format!("**单位类别** `{}`\n\n{}", k.display, self.declared(k.span)),
                span: Some(k.span),
            });
        }
        if let Some(p) = rs.params.iter().find(|p| p.name.key == key) {
            found.push(param(self, p));
        }
        for e in &rs.vocab.events {
            for f in e.fields.iter().filter(|f| f.name.key == key) {
                found.push(Found {
                    kind: "字段",
                    text: format!(
                        "**字段** `{}`（事项 `{}`）\n\n{}",
                        f.name.display,
                        e.name.display,
                        self.declared(f.name.span)
                    ),
                    span: Some(f.name.span),
                });
            }
        }
        for r in rs.rules.iter().filter(|r| fold(&r.name) == key) {
            found.push(rule(self, rs, r));
        }
        for v in rs.chain.iter().filter(|v| fold(&v.ruleset) == key) {
            found.push(Found {
                kind: "规则集",
                text: format!("**规则集** {}\n\n继承链：{}", v.ruleset, chain(rs)),
                span: self.ruleset_header(&v.ruleset),
            });
        }
        found
    }

    /// Where a declaration is, as `file:line`.
    fn declared(&self, span: Span) -> String {
        format!("声明于 {}", self.sources.location(span))
    }

    /// The `规则集 NAME` line of a loaded ruleset.
    fn ruleset_header(&self, name: &str) -> Option<Span> {
        self.sources.files().find_map(|(id, f)| {
            let at = f.text.find(&format!("规则集 {name}"))?;
            Some(Span::new(id, at, at + "规则集 ".len() + name.len()))
        })
    }

    /// The declared names of each kind, for completion: (kind, name, detail).
    pub fn names(&self) -> Vec<(&'static str, String, String)> {
        let Some(rs) = &self.ruleset else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in &rs.vocab.events {
            out.push(("事项", e.name.display.clone(), "事项".to_string()));
        }
        for r in &rs.vocab.roles {
            out.push(("职务", r.name.display.clone(), "职务".to_string()));
        }
        for k in &rs.vocab.unit_kinds {
            out.push(("单位类别", k.display.clone(), "单位类别".to_string()));
        }
        for p in &rs.params {
            out.push((
                "参数",
                p.name.display.clone(),
                format!("参数 = {}", value(p)),
            ));
        }
        for r in rs.rules.iter().filter(|r| !r.superseded) {
            out.push(("规则", r.name.clone(), format!("规则 {}", r.id)));
        }
        out
    }

    /// The document's clauses and their rules: (clause label and title, its span, rules).
    pub fn outline(&self) -> Vec<OutlineClause> {
        let (ast, _) = crate::parse(&self.sources, self.doc);
        ast.clauses
            .iter()
            .map(|c| {
                let label = match &c.title {
                    Some(t) => format!("{} {t}", c.item.text),
                    None => c.item.text.clone(),
                };
                let rules = c
                    .rules
                    .iter()
                    .map(|r| (r.name.text.clone(), r.span))
                    .collect();
                (label, c.span, rules)
            })
            .collect()
    }
}

fn event(a: &Analysis, e: &ir::EventDecl) -> Found {
    let fields: Vec<String> = e
        .fields
        .iter()
        .map(|f| format!("`{}`", f.name.display))
        .collect();
    let fields = if fields.is_empty() {
        String::new()
    } else {
        format!("\n\n字段：{}", fields.join("、"))
    };
    Found {
        kind: "事项",
        text: format!(
            "**事项** `{}`{fields}\n\n{}",
            e.name.display,
            a.declared(e.name.span)
        ),
        span: Some(e.name.span),
    }
}

fn param(a: &Analysis, p: &ir::Param) -> Found {
    let kind = match p.kind {
        ir::ParamKind::Duration => "期限",
        ir::ParamKind::Period => "周期",
        ir::ParamKind::Ratio => "比例",
        ir::ParamKind::Count => "次数",
    };
    let note = if p.value.is_none() {
        "\n\n未定：用到它的规则在取值前不评估（W0201）"
    } else {
        ""
    };
    Found {
        kind: "参数",
        text: format!(
            "**参数** `{}`（{kind}）= {}{note}\n\n取值见 {}",
            p.name.display,
            value(p),
            a.sources.location(p.name.span)
        ),
        span: Some(p.name.span),
    }
}

/// A parameter's value in words (`30日`, `每半年`, `20%`, `2次`) or `未定`.
pub fn value(p: &ir::Param) -> String {
    use crate::compare::words;
    match p.value {
        None => "未定".into(),
        Some(ir::ParamValue::Duration(d)) => words::duration(d),
        Some(ir::ParamValue::Period(x)) => words::period(x),
        Some(ir::ParamValue::Ratio(n, d)) => crate::report::words::ratio(n, d),
        Some(ir::ParamValue::Count(n)) => format!("{n}次"),
    }
}

/// A rule's hover: its id as its own ruleset numbers it (`(八).谈心谈话`), beside that ruleset's
/// name, so an inherited rule does not show its document twice.
fn rule(a: &Analysis, rs: &ir::Ruleset, r: &ir::Rule) -> Found {
    let mut text = format!(
        "**规则** `{}`（规则集 {}）\n\n要求：{}",
        r.local_id,
        r.version.ruleset,
        crate::compare::words::body(r)
    );
    if !r.source.text.is_empty() {
        text.push_str(&format!("\n\n原文：「{}」", r.source.text));
    }
    if let Some(am) = &r.amends {
        let base = rs
            .rules
            .iter()
            .find(|b| b.id == am.rule && b.version.ruleset == am.ruleset);
        let verdict = base
            .map(|b| crate::compare::compare(b, r).verdict.zh())
            .unwrap_or("");
        let local = base.map_or_else(
            || {
                am.rule
                    .strip_prefix(am.ruleset.as_str())
                    .unwrap_or(&am.rule)
            },
            |b| b.local_id.as_str(),
        );
        text.push_str(&format!("\n\n修订 {} 的 `{local}`：{verdict}", am.ruleset));
    }
    if r.superseded {
        text.push_str("\n\n（已被下级规则集修订）");
    }
    text.push_str(&format!("\n\n写于 {}", a.sources.location(r.span)));
    Found {
        kind: "规则",
        text,
        span: Some(r.span),
    }
}

fn chain(rs: &ir::Ruleset) -> String {
    let names: Vec<&str> = rs.chain.iter().map(|v| v.ruleset.as_str()).collect();
    names.join(" → ")
}

/// The path a `file://` URI names (percent-decoded); `None` for other schemes.
pub fn uri_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// The `file://` URI of a path (absolute when it exists), percent-encoded.
pub fn path_uri(path: &Path) -> String {
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file://");
    for b in abs.display().to_string().bytes() {
        match b {
            b'/' | b'-' | b'_' | b'.' | b'~' => uri.push(b as char),
            b if b.is_ascii_alphanumeric() => uri.push(b as char),
            b => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}
