//! Bytes → text for CSV tables: UTF-8 (with or without BOM) or GB18030/GBK, detected or forced.
//!
//! Nothing is replaced silently: every malformed byte sequence is returned with its place in the
//! decoded text (where a U+FFFD stands in for it), so the loader can report it, located, and leave
//! the row that holds it out.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

/// The encoding asked for on the command line (`--encoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EncodingChoice {
    /// UTF-8 if the bytes are valid UTF-8, start with its BOM, or are mostly valid UTF-8; else
    /// GB18030 if that decodes with fewer errors.
    #[default]
    Auto,
    /// UTF-8 (a BOM is skipped).
    Utf8,
    /// GB18030, a superset of GBK (what Excel writes on Chinese Windows).
    Gb18030,
    /// GBK: decoded as GB18030, which accepts every GBK file.
    Gbk,
}

impl EncodingChoice {
    /// Parses `utf-8`, `utf8`, `gb18030`, `gbk` (any case).
    pub fn parse(s: &str) -> Option<EncodingChoice> {
        Some(match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => EncodingChoice::Auto,
            "utf-8" | "utf8" => EncodingChoice::Utf8,
            "gb18030" => EncodingChoice::Gb18030,
            "gbk" | "gb2312" | "cp936" => EncodingChoice::Gbk,
            _ => return None,
        })
    }
}

/// A decoded file.
pub struct Decoded {
    /// The text (a leading BOM removed; malformed sequences shown as U+FFFD).
    pub text: String,
    /// The encoding used, as people name it (`UTF-8`, `GB18030`, `GBK`).
    pub encoding: &'static str,
    /// Malformed sequences: (byte offset in `text` of the U+FFFD, byte offset in the file, the
    /// malformed bytes).
    pub errors: Vec<(usize, usize, Vec<u8>)>,
}

/// [`decode`] taking the bytes: valid UTF-8 (asked for or detected) becomes the text without a
/// copy, which is what a large fact file needs.
pub fn decode_owned(mut bytes: Vec<u8>, choice: EncodingChoice) -> Decoded {
    if matches!(choice, EncodingChoice::Auto | EncodingChoice::Utf8) {
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        match utf8_parallel(bytes) {
            Ok(mut text) => {
                if bom {
                    text.drain(..3);
                }
                crate::text::lone_cr_to_lf(&mut text);
                return Decoded {
                    text,
                    encoding: "UTF-8",
                    errors: Vec::new(),
                };
            }
            Err(e) => bytes = e.into_bytes(),
        }
    }
    decode(&bytes, choice)
}

/// `String::from_utf8`, checking pieces of a large text on every core (pieces end after a line
/// break, which is always a character boundary).
fn utf8_parallel(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    use rayon::prelude::*;
    const PIECE: usize = 8 << 20;
    if bytes.len() < 2 * PIECE {
        return String::from_utf8(bytes);
    }
    let mut cuts = vec![0];
    while let Some(&last) = cuts.last() {
        let at = last + PIECE;
        match bytes
            .get(at..)
            .and_then(|s| s.iter().position(|&b| b == b'\n'))
        {
            Some(i) => cuts.push(at + i + 1),
            None => break,
        }
    }
    cuts.push(bytes.len());
    let ok = cuts
        .par_windows(2)
        .all(|w| std::str::from_utf8(&bytes[w[0]..w[1]]).is_ok());
    if ok {
        // SAFETY: every piece is valid UTF-8 and pieces meet at character boundaries (after
        // an ASCII line break), so the whole is.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    }
}

/// Whether `bytes` hold a carriage return not followed by a line feed.
pub fn has_lone_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

/// Decodes `bytes` as `choice` says.
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Decoded {
    let mut d = decode_as(bytes, choice);
    crate::text::lone_cr_to_lf(&mut d.text);
    d
}

fn decode_as(bytes: &[u8], choice: EncodingChoice) -> Decoded {
    let utf8 = |b: &[u8]| {
        let (b, skip) = match b.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (b, 0),
        };
        with_errors(UTF_8, b, skip, "UTF-8")
    };
    match choice {
        EncodingChoice::Utf8 => utf8(bytes),
        EncodingChoice::Gb18030 => with_errors(GB18030, bytes, 0, "GB18030"),
        EncodingChoice::Gbk => with_errors(GB18030, bytes, 0, "GBK"),
        EncodingChoice::Auto => {
            let u = utf8(bytes);
            // Mostly valid UTF-8 is UTF-8 with damage: reported, not read as GB18030 mojibake
            // (UTF-8 Chinese text often decodes as GB18030 without a single error).
            let valid = u
                .text
                .chars()
                .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
                .count();
            if valid >= u.errors.len() || bytes.starts_with(b"\xEF\xBB\xBF") {
                return u;
            }
            let g = with_errors(GB18030, bytes, 0, "GB18030");
            if g.errors.len() < u.errors.len() {
                g
            } else {
                u
            }
        }
    }
}

/// Decodes without replacement, recording each malformed sequence. `skip` bytes were removed from
/// the front of the file (a BOM) before `bytes`.
fn with_errors(enc: &'static Encoding, bytes: &[u8], skip: usize, name: &'static str) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut text = String::with_capacity(cap + 16);
    let mut errors = Vec::new();
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
            DecoderResult::Malformed(bad, extra) => {
                let (bad, extra) = (bad as usize, extra as usize);
                let from = read.saturating_sub(bad + extra);
                errors.push((text.len(), from + skip, bytes[from..read - extra].to_vec()));
                text.push('\u{FFFD}');
                text.reserve(4);
            }
        }
    }
    Decoded {
        text,
        encoding: name,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding_and_locates_bad_bytes() {
        let s = "编号,姓名\nP1,张三\n";
        let d = decode(s.as_bytes(), EncodingChoice::Auto);
        assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom, EncodingChoice::Auto).text, s);
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        let d = decode(&gbk, EncodingChoice::Auto);
        assert_eq!((d.text.as_str(), d.encoding), (s, "GB18030"));
        assert!(d.errors.is_empty());
        // Forced UTF-8 on GBK bytes: every bad sequence is reported, none silently replaced.
        let d = decode(&gbk, EncodingChoice::Utf8);
        assert!(!d.errors.is_empty());
        let (at, file_at, _) = d.errors[0];
        assert_eq!(&d.text[at..at + 3], "\u{FFFD}");
        assert_eq!(file_at, 0);
        // One bad byte in UTF-8 text stays UTF-8, located after the valid prefix.
        let mut one = "编号,姓名\nP1,张".as_bytes().to_vec();
        one.push(0xFF);
        one.extend_from_slice("三\n".as_bytes());
        let d = decode(&one, EncodingChoice::Auto);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].1, "编号,姓名\nP1,张".len());
        assert_eq!(d.errors[0].2, vec![0xFF]);
        // A UTF-8 file with one truncated character stays UTF-8 (reported), even where GB18030
        // would read the whole file without an error.
        let mut cut = "编号,姓名\nP1,张三\nP2,李四王五赵六\n".as_bytes().to_vec();
        let at = "编号,姓名\nP1,张三\nP2,李".len();
        cut.remove(at + 2);
        let d = decode(&cut, EncodingChoice::Auto);
        assert_eq!((d.encoding, d.errors.len()), ("UTF-8", 1));
    }
}
