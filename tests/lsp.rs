//! The language server in process (`lsp_server::Connection::memory`), driven by scripted LSP
//! messages: diagnostics with the codes and Chinese messages of `check` (inheritance followed),
//! hover, go-to-definition across `继承`, completion, document symbols and formatting.

use std::path::Path;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const DOC: &str = "rulesets/安徽省措施/规则.guize";

struct Client {
    conn: Connection,
    next: i32,
    notifications: Vec<Notification>,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
}

fn uri(path: &str) -> String {
    let abs = std::fs::canonicalize(path).unwrap();
    guize::lsp::analysis::path_uri(&abs)
}

impl Client {
    fn start() -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || {
            guize::lsp::serve(&server, guize::diagnostics::Lang::Zh, None)
        });
        let mut c = Client {
            conn: client,
            next: 0,
            notifications: Vec::new(),
            server: Some(handle),
        };
        let root = uri(".");
        let init = c.request("initialize", json!({"capabilities": {}, "rootUri": root}));
        assert_eq!(init["capabilities"]["hoverProvider"], json!(true));
        assert_eq!(
            init["capabilities"]["documentFormattingProvider"],
            json!(true)
        );
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.conn.sender.send(Message::Notification(n)).unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.into(), params);
        self.conn.sender.send(Message::Request(req)).unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => {
                    assert!(r.error.is_none(), "{method}: {:?}", r.error);
                    return r.result.unwrap_or(Value::Null);
                }
                Message::Notification(n) => self.notifications.push(n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers")
    }

    /// Opens (or changes) a document and returns the diagnostics published for it.
    fn open(&mut self, path: &str, text: &str, version: i32) -> Vec<Value> {
        let u = uri(path);
        if version == 1 {
            self.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": u, "languageId": "guize", "version": 1, "text": text}}),
            );
        } else {
            self.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": u, "version": version}, "contentChanges": [{"text": text}]}),
            );
        }
        loop {
            if let Message::Notification(n) = self.recv() {
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == json!(u) {
                    assert_eq!(n.params["version"], json!(version));
                    return n.params["diagnostics"].as_array().unwrap().clone();
                }
                self.notifications.push(n);
            }
        }
    }

    /// Position (line, UTF-16 column) of the first `needle` in `text`, plus `skip` characters.
    fn at(text: &str, needle: &str, skip: usize) -> Value {
        let i = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in the text"));
        let line = text[..i].matches('\n').count();
        let start = text[..i].rfind('\n').map_or(0, |j| j + 1);
        let col: usize = text[start..i].chars().map(char::len_utf16).sum::<usize>() + skip;
        json!({"line": line, "character": col})
    }

    fn hover(&mut self, path: &str, text: &str, needle: &str, skip: usize) -> String {
        let r = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(path)}, "position": Client::at(text, needle, skip)}),
        );
        r["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        assert_eq!(server.join().unwrap(), Ok(()));
    }
}

#[test]
fn diagnostics_follow_edits_with_check_codes_and_chinese_messages() {
    let text = std::fs::read_to_string(DOC).unwrap();
    let mut c = Client::start();
    let diags = c.open(DOC, &text, 1);
    assert!(
        diags.iter().all(|d| d["severity"] != json!(1)),
        "the shipped ruleset has no errors: {diags:?}"
    );
    // A typo in an event kind (the kinds are partly inherited from 中央意见).
    let bad = text.replace(
        "应当 每年至少开展1次 监督谈话",
        "应当 每年至少开展1次 监督淡话",
    );
    let diags = c.open(DOC, &bad, 2);
    let e = diags
        .iter()
        .find(|d| d["code"] == json!("E0201"))
        .unwrap_or_else(|| panic!("E0201 in {diags:?}"));
    let msg = e["message"].as_str().unwrap();
    assert!(msg.starts_with("未声明的事项 `监督淡话`"), "{msg}");
    assert!(msg.contains("您是否想写 `监督谈话`"), "{msg}");
    assert_eq!(e["severity"], json!(1));
    assert_eq!(e["source"], json!("guize"));
    assert_eq!(e["range"]["start"], Client::at(&bad, "监督淡话", 0));
    // An unknown role and an amendment of a rule the base does not have: every error reported.
    // (Another rule than the misspelt one: a rule that does not resolve is not compared.)
    let worse = bad.replace("修订 （三）.批评教育", "修订 （九）.批评教育");
    let diags = c.open(DOC, &worse, 3);
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(
        codes.contains(&"E0201") && codes.contains(&"E0241"),
        "{codes:?}"
    );
    // Fixed again: the errors go away.
    let diags = c.open(DOC, &text, 4);
    assert!(diags.iter().all(|d| d["severity"] != json!(1)), "{diags:?}");
    c.stop();
}

#[test]
fn hover_definition_completion_symbols_formatting() {
    let text = std::fs::read_to_string(DOC).unwrap();
    let mut c = Client::start();
    c.open(DOC, &text, 1);

    // A parameter: its value resolved in this ruleset (open in 中央意见).
    let h = c.hover(DOC, &text, "应当 及时 予以 诫勉", 3);
    assert!(h.contains("**参数** `及时`（期限）= 30日"), "{h}");
    // A rule: its requirement and 原文.
    let h = c.hover(DOC, &text, "规则 监督谈话", 3);
    assert!(h.contains("`(三).监督谈话`"), "{h}");
    assert!(
        h.contains("原文：「同下级“一把手”每年至少开展1次监督谈话」"),
        "{h}"
    );
    // An amended inherited rule: the base's version with its 原文, and the local one with the
    // 从严 verdict.
    let h = c.hover(DOC, &text, "修订 （三）.监督谈话", 8);
    assert!(h.contains("（规则集 中央意见）"), "{h}");
    assert!(h.contains("定期开展监督谈话"), "the base's 原文: {h}");
    assert!(h.contains("修订 中央意见 的 `(三).监督谈话`：从严"), "{h}");
    // A role declared in the base ruleset.
    let h = c.hover(DOC, &text, "责任人 上级单位的一把手", 9);
    assert!(h.contains("**职务** `一把手`（唯一"), "{h}");
    assert!(h.contains("中央意见"), "declared in the base: {h}");
    // An event kind with its field.
    let h = c.hover(DOC, &text, "事项 工作报告", 4);
    assert!(
        h.contains("**事项** `工作报告`") && h.contains("`是否报告同级党委问题`"),
        "{h}"
    );

    // Go to definition across 继承: the amended rule in 中央意见.
    let pos = Client::at(&text, "修订 （三）.监督谈话", 8);
    let defs = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(DOC)}, "position": pos}),
    );
    let base = uri("rulesets/中央意见/规则.guize");
    let base_text = std::fs::read_to_string("rulesets/中央意见/规则.guize").unwrap();
    let defs = defs.as_array().unwrap();
    assert!(
        defs.iter().any(|d| d["uri"] == json!(base)
            && d["range"]["start"]["line"] == Client::at(&base_text, "规则 监督谈话", 0)["line"]),
        "{defs:?}"
    );

    // Completion: keywords and the declared names of the whole chain.
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(DOC)}, "position": {"line": 0, "character": 0}}),
    );
    let items = items.as_array().unwrap();
    let has = |label: &str, detail: &str| {
        items
            .iter()
            .any(|i| i["label"] == json!(label) && i["detail"].as_str().unwrap().contains(detail))
    };
    assert!(has("应当", "应当 每年至少1次"));
    assert!(has("监督谈话", "事项") && has("谈心谈话", "事项"));
    assert!(has("一把手", "职务") && has("及时", "参数 = 30日"));

    // Document symbols: clauses with their rules.
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(DOC)}}),
    );
    let clause = syms
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().unwrap().starts_with("条款 （三）"))
        .expect("clause (三)");
    let rules: Vec<&str> = clause["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "述职重点内容",
            "任职谈话",
            "监督谈话",
            "批评教育",
            "轻微违纪诫勉",
            "专题约谈"
        ]
    );

    // Formatting: the shipped file is canonical; a messy edit comes back as `guize fmt` has it.
    let fmt = |c: &mut Client| {
        c.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri(DOC)}, "options": {"tabSize": 2, "insertSpaces": true}}),
        )
    };
    assert_eq!(fmt(&mut c), json!([]));
    let messy = text.replace("    对象 下级单位的一把手\n", "对象：下级单位的一把手   \n");
    c.open(DOC, &messy, 2);
    let edits = fmt(&mut c);
    assert_eq!(edits.as_array().unwrap().len(), 1);
    let new_text = edits[0]["newText"].as_str().unwrap();
    assert_eq!(new_text, guize::fmt::format(&messy));
    assert!(
        new_text.contains("\n    对象：下级单位的一把手\n"),
        "{new_text}"
    );
    c.stop();
}

#[test]
fn positions_count_utf16_units_and_uris_round_trip() {
    use guize::lsp::convert::{offset, position};
    let text = "规则集 甲\n𠀀a 乙\n";
    // `𠀀` is two UTF-16 units and four bytes; `乙` is at character 4 of line 1.
    let b = text.find('乙').unwrap();
    let p = position(text, b);
    assert_eq!((p.line, p.character), (1, 4));
    assert_eq!(offset(text, p), b);
    assert_eq!(
        offset(text, lsp_types::Position::new(0, 99)),
        text.find('\n').unwrap()
    );
    assert_eq!(offset(text, lsp_types::Position::new(9, 0)), text.len());
    let path = Path::new("/tmp/规 则/a%b.guize");
    let u = guize::lsp::analysis::path_uri(path);
    assert_eq!(u, "file:///tmp/%E8%A7%84%20%E5%88%99/a%25b.guize");
    assert_eq!(guize::lsp::analysis::uri_path(&u).unwrap(), path);
}
