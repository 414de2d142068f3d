//! `guize lsp`: a language server over stdio (lsp-server, synchronous). Diagnostics as a file
//! changes (the codes and messages of `check`, inheritance followed), hover on event kinds, roles,
//! unit kinds, parameters, fields, rules and rulesets (declaration, value, 原文, 从严 verdict),
//! go-to-definition across `继承`, completion of declared names and keywords, document symbols
//! (条款 and 规则) and formatting through `crate::fmt`.
//!
//! INVARIANT: only this module knows LSP types; what a document means comes from
//! `analysis.rs`, which reuses the loader, the parser, the checker and the diagnostics.

pub mod analysis;
pub mod convert;

use std::collections::BTreeMap;
use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionOptions, DocumentSymbol, DocumentSymbolResponse,
    GotoDefinitionResponse, Hover, HoverContents, HoverProviderCapability, Location, MarkupContent,
    MarkupKind, OneOf, PublishDiagnosticsParams, ServerCapabilities, SymbolKind,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
};

use crate::diagnostics::Lang;
use analysis::{analyse, Analysis};
use convert::{diagnostic, offset, range};

/// The keywords offered by completion, with what they start.
const KEYWORDS: &[(&str, &str)] = &[
    ("规则集", "规则集 名称"),
    ("依据", "依据 《文件名》 日期"),
    ("生效", "生效 日期"),
    ("继承", "继承 上级规则集"),
    ("单位类别", "单位类别 党委、纪委"),
    ("职务", "职务 一把手（唯一）、班子成员"),
    ("事项", "事项 名称、名称"),
    ("字段", "字段 名称：类型"),
    ("参数", "参数 名称 = 值 或 参数 名称：未定（期限）"),
    ("条款", "条款 （一） 标题"),
    ("原文", "原文 「……」"),
    ("不设规则", "不设规则：理由"),
    ("规则", "规则 名称："),
    ("修订", "修订 （条目）.规则名"),
    ("从宽", "从宽：理由 ……"),
    ("对象", "对象 下级单位的一把手"),
    ("范围", "范围 下级单位的一把手"),
    ("责任人", "责任人 上级单位的一把手"),
    ("当", "当 对象 任职开始 时"),
    ("应当", "应当 每年至少1次 事项"),
    ("一般应当", "一般应当 …（可说明理由）"),
    ("可以", "可以 …"),
    ("不得", "不得 事项（条件）"),
    ("违反", "违反 后果"),
    ("每年", "周期"),
    ("每半年", "周期"),
    ("每季度", "周期"),
    ("每月", "周期"),
    ("至少", "次数"),
    ("及时", "参数"),
    ("事先", "时间要求"),
    ("任职开始", "触发"),
    ("任职结束", "触发"),
    ("下级单位的", "范围"),
    ("上级单位的", "范围"),
    ("本单位", "范围"),
    ("同级", "范围"),
];

/// The server's state: open documents and their last analysis.
struct Server {
    lang: Lang,
    /// Looked in first for base rulesets (the workspace's `rulesets/`, or `--rulesets`).
    search: Option<PathBuf>,
    docs: BTreeMap<String, (PathBuf, String)>,
    analyses: BTreeMap<String, Analysis>,
}

/// Runs the server on `conn` until the client asks it to exit.
pub fn serve(conn: &Connection, lang: Lang, search: Option<PathBuf>) -> Result<(), String> {
    let caps = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions::default()),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let caps = serde_json::to_value(caps).map_err(|e| e.to_string())?;
    let init = conn.initialize(caps).map_err(|e| e.to_string())?;
    let root = init
        .get("rootUri")
        .and_then(|u| u.as_str())
        .and_then(analysis::uri_path);
    let search = search.or_else(|| root.map(|r| r.join("rulesets")).filter(|p| p.is_dir()));
    let mut server = Server {
        lang,
        search,
        docs: BTreeMap::new(),
        analyses: BTreeMap::new(),
    };
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                let resp = server.request(req);
                conn.sender
                    .send(Message::Response(resp))
                    .map_err(|e| e.to_string())?;
            }
            Message::Notification(n) => {
                if let Some(publish) = server.notification(n) {
                    conn.sender
                        .send(Message::Notification(publish))
                        .map_err(|e| e.to_string())?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

impl Server {
    /// Handles a notification; returns the diagnostics to publish, if any.
    fn notification(&mut self, n: Notification) -> Option<Notification> {
        let (uri, text, version) = match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(n.params).ok()?;
                (
                    p.text_document.uri,
                    p.text_document.text,
                    p.text_document.version,
                )
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(n.params).ok()?;
                let text = p.content_changes.into_iter().last()?.text;
                (p.text_document.uri, text, p.text_document.version)
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(n.params).ok()?;
                let key = p.text_document.uri.as_str().to_string();
                self.docs.remove(&key);
                self.analyses.remove(&key);
                let params = PublishDiagnosticsParams::new(p.text_document.uri, Vec::new(), None);
                return Some(Notification::new(PublishDiagnostics::METHOD.into(), params));
            }
            _ => return None,
        };
        let key = uri.as_str().to_string();
        let path = analysis::uri_path(&key).unwrap_or_else(|| PathBuf::from(&key));
        self.docs.insert(key.clone(), (path.clone(), text.clone()));
        let overlay = self.docs.values().cloned().collect();
        let a = analyse(&path, &text, &overlay, self.search.as_deref());
        let diagnostics = a
            .doc_diags()
            .map(|d| diagnostic(d, &a, self.lang))
            .collect();
        self.analyses.insert(key, a);
        let params = PublishDiagnosticsParams::new(uri, diagnostics, Some(version));
        Some(Notification::new(PublishDiagnostics::METHOD.into(), params))
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => self.hover(req.params),
            GotoDefinition::METHOD => self.definition(req.params),
            Completion::METHOD => self.completion(req.params),
            DocumentSymbolRequest::METHOD => self.symbols(req.params),
            Formatting::METHOD => self.formatting(req.params),
            _ => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("unsupported request {}", req.method),
                )
            }
        };
        Response::new_ok(id, result.unwrap_or(serde_json::Value::Null))
    }

    /// The analysis of a document and the byte offset of a position in it.
    fn at(&self, uri: &Uri, pos: lsp_types::Position) -> Option<(&Analysis, usize)> {
        let a = self.analyses.get(uri.as_str())?;
        Some((a, offset(a.text(), pos)))
    }

    fn hover(&self, params: serde_json::Value) -> Option<serde_json::Value> {
        let p: lsp_types::HoverParams = serde_json::from_value(params).ok()?;
        let tp = p.text_document_position_params;
        let (a, at) = self.at(&tp.text_document.uri, tp.position)?;
        let (r, word) = a.token_at(at)?;
        let found = a.lookup(&word);
        if found.is_empty() {
            return None;
        }
        let text: Vec<String> = found.into_iter().map(|f| f.text).collect();
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text.join("\n\n---\n\n"),
            }),
            range: Some(range(a.text(), r)),
        };
        serde_json::to_value(hover).ok()
    }

    fn definition(&self, params: serde_json::Value) -> Option<serde_json::Value> {
        let p: lsp_types::GotoDefinitionParams = serde_json::from_value(params).ok()?;
        let tp = p.text_document_position_params;
        let (a, at) = self.at(&tp.text_document.uri, tp.position)?;
        let (r, word) = a.token_at(at)?;
        let here = crate::span::Span::new(a.doc, r.start, r.end);
        let locations: Vec<Location> = a
            .lookup(&word)
            .into_iter()
            .filter_map(|f| f.span)
            .filter(|s| !(s.file == here.file && s.start <= here.start && here.end <= s.end))
            .filter_map(|s| convert::location(&a.sources, s))
            .collect();
        if locations.is_empty() {
            return None;
        }
        serde_json::to_value(GotoDefinitionResponse::Array(locations)).ok()
    }

    fn completion(&self, params: serde_json::Value) -> Option<serde_json::Value> {
        let p: lsp_types::CompletionParams = serde_json::from_value(params).ok()?;
        let a = self
            .analyses
            .get(p.text_document_position.text_document.uri.as_str());
        let mut items: Vec<CompletionItem> = KEYWORDS
            .iter()
            .map(|(k, detail)| CompletionItem {
                label: k.to_string(),
                kind: Some(CompletionItemKind::KEYWORD),
                detail: Some(detail.to_string()),
                ..CompletionItem::default()
            })
            .collect();
        for (kind, name, detail) in a.map(Analysis::names).unwrap_or_default() {
            let kind = match kind {
                "事项" => CompletionItemKind::EVENT,
                "参数" => CompletionItemKind::CONSTANT,
                "规则" => CompletionItemKind::FUNCTION,
                _ => CompletionItemKind::ENUM_MEMBER,
            };
            items.push(CompletionItem {
                label: name,
                kind: Some(kind),
                detail: Some(detail),
                ..CompletionItem::default()
            });
        }
        serde_json::to_value(items).ok()
    }

    #[allow(deprecated)] // DocumentSymbol::deprecated must be written out
    fn symbols(&self, params: serde_json::Value) -> Option<serde_json::Value> {
        let p: lsp_types::DocumentSymbolParams = serde_json::from_value(params).ok()?;
        let a = self.analyses.get(p.text_document.uri.as_str())?;
        let text = a.text();
        let symbol = |name: String, kind, r: std::ops::Range<usize>, children| DocumentSymbol {
            name,
            detail: None,
            kind,
            tags: None,
            deprecated: None,
            range: range(text, r.clone()),
            selection_range: range(text, r),
            children,
        };
        let out: Vec<DocumentSymbol> = a
            .outline()
            .into_iter()
            .map(|(label, span, rules)| {
                let end = rules
                    .iter()
                    .map(|(_, s)| s.end as usize)
                    .fold(span.end as usize, usize::max);
                let rules: Vec<DocumentSymbol> = rules
                    .into_iter()
                    .map(|(n, s)| {
                        let r = s.start as usize..s.end as usize;
                        symbol(n, SymbolKind::FUNCTION, r, None)
                    })
                    .collect();
                symbol(
                    format!("条款 {label}"),
                    SymbolKind::NAMESPACE,
                    span.start as usize..end,
                    Some(rules),
                )
            })
            .collect();
        serde_json::to_value(DocumentSymbolResponse::Nested(out)).ok()
    }

    fn formatting(&self, params: serde_json::Value) -> Option<serde_json::Value> {
        let p: lsp_types::DocumentFormattingParams = serde_json::from_value(params).ok()?;
        let (_, text) = self.docs.get(p.text_document.uri.as_str())?;
        let a = self.analyses.get(p.text_document.uri.as_str())?;
        // Like `guize fmt`: a file with syntax errors is left alone.
        let (_, syntax) = crate::parse(&a.sources, a.doc);
        if syntax.iter().any(crate::diagnostics::Diag::is_error) {
            return serde_json::to_value(Vec::<TextEdit>::new()).ok();
        }
        let formatted = crate::fmt::format(text);
        let edits = if &formatted == text {
            Vec::new()
        } else {
            vec![TextEdit::new(range(text, 0..text.len()), formatted)]
        };
        serde_json::to_value(edits).ok()
    }
}
