//! Rule files are UTF-8: each malformed byte sequence is shown as U+FFFD in the text (so the
//! rest of the file is still checked) and reported where it is (E0004), never replaced silently.

use crate::diagnostics::Diag;
use crate::span::{FileId, Span};

/// At most this many malformed sequences are reported one by one per file; the rest are counted.
const SHOWN: usize = 20;

/// One malformed sequence: where its U+FFFD is in the decoded text, and its bytes.
pub struct Bad {
    at: usize,
    bytes: Vec<u8>,
}

/// The text of `bytes`, each malformed sequence replaced by U+FFFD, and where each one was.
pub fn decode(bytes: &[u8]) -> (String, Vec<Bad>) {
    let mut text = String::with_capacity(bytes.len());
    let mut bad = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad.push(Bad {
                at: text.len(),
                bytes: chunk.invalid().to_vec(),
            });
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    // A lone CR ends a line, as in editors and the language server protocol.
    crate::text::lone_cr_to_lf(&mut text);
    (text, bad)
}

/// Whether `bytes` are a GB18030 (or GBK) text: at least half of the bytes outside ASCII are
/// not UTF-8 (a UTF-8 file with a stray byte is not taken for GBK), and they decode as GB18030
/// without a single error.
pub fn is_gb18030(bytes: &[u8], bad: &[Bad]) -> bool {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let invalid: usize = bad.iter().map(|b| b.bytes.len()).sum();
    invalid * 2 >= non_ascii
        && encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
}

/// E0004 for a whole file that is GBK or GB18030, at its first non-UTF-8 byte.
pub fn gb18030_file(file: FileId, bad: &[Bad]) -> Diag {
    let at = bad.first().map_or(0, |b| b.at);
    Diag::error(
        "E0004",
        "规则文件是 GBK（GB18030）编码，不是 UTF-8，未读取",
        "the rule file is GBK (GB18030), not UTF-8; not read",
    )
    .at(
        Span::new(file, at, at + char::REPLACEMENT_CHARACTER.len_utf8()),
        "第一个不是 UTF-8 的字节",
        "the first byte that is not UTF-8",
    )
    .help(
        "用编辑器把文件另存为 UTF-8（如 iconv -f gbk -t utf-8），再运行",
        "save the file as UTF-8 (e.g. iconv -f gbk -t utf-8) and run again",
    )
}

/// E0004 at each malformed sequence (the first [`SHOWN`]), and one more naming how many others.
pub fn diags(file: FileId, bad: &[Bad]) -> Vec<Diag> {
    let mut out: Vec<Diag> = bad
        .iter()
        .take(SHOWN)
        .map(|b| {
            let hex: Vec<String> = b.bytes.iter().map(|x| format!("{x:02X}")).collect();
            let hex = hex.join(" ");
            Diag::error(
                "E0004",
                format!("规则文件中有不是 UTF-8 的字节 {hex}"),
                format!("bytes {hex} in the rule file are not UTF-8"),
            )
            .at(
                Span::new(file, b.at, b.at + char::REPLACEMENT_CHARACTER.len_utf8()),
                "无法解码的字节（显示为 �）",
                "undecodable bytes (shown as �)",
            )
            .help(
                "规则文件须以 UTF-8 保存；GBK 等编码的文件请另存为 UTF-8",
                "save rule files as UTF-8; convert a GBK (or other) file to UTF-8",
            )
        })
        .collect();
    if let Some(first) = bad.get(SHOWN) {
        let more = bad.len() - SHOWN;
        out.push(
            Diag::error(
                "E0004",
                format!("另有 {more} 处不是 UTF-8 的字节未逐一列出"),
                format!("{more} more places with bytes that are not UTF-8"),
            )
            .at(
                Span::new(file, first.at, first.at + 3),
                "从这里起",
                "from here on",
            )
            .help(
                "规则文件须以 UTF-8 保存；GBK 等编码的文件请另存为 UTF-8",
                "save rule files as UTF-8; convert a GBK (or other) file to UTF-8",
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_malformed_sequence_is_located() {
        let (text, bad) = decode(b"\xE8\xA7\x84\xFF ok \xE4\xB8");
        assert_eq!(text, "规\u{FFFD} ok \u{FFFD}");
        assert_eq!(bad.len(), 2);
        let d = diags(FileId(0), &bad);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].span.map(|s| s.start), Some(3));
        assert!(d[1].message.zh.contains("E4 B8"), "{}", d[1].message.zh);
    }

    #[test]
    fn a_gbk_file_is_recognised() {
        let (gbk, _, _) = encoding_rs::GBK.encode("规则集 测试");
        assert!(is_gb18030(&gbk, &decode(&gbk).1));
        let stray = "规则集 测试\u{8c08}"
            .as_bytes()
            .iter()
            .chain(b"\xB9\xE6")
            .copied();
        let stray: Vec<u8> = stray.collect();
        assert!(!is_gb18030(&stray, &decode(&stray).1));
    }

    #[test]
    fn many_are_counted() {
        let bytes: Vec<u8> = std::iter::repeat_n([b'a', 0xFF], 30).flatten().collect();
        let (_, bad) = decode(&bytes);
        let d = diags(FileId(0), &bad);
        assert_eq!(d.len(), SHOWN + 1);
        assert!(d[SHOWN].message.zh.contains("另有 10 处"));
    }
}
