//! No input makes the parser or the checker panic, and no file length exhausts the stack.
//!
//! Every case's rule file is mutated many times (deterministically: a fixed linear congruential
//! generator) by deleting, inserting and duplicating characters drawn from the grammar's own
//! alphabet; each mutant is parsed and checked. A panic fails the test.

use guize::span::SourceMap;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

const ALPHABET: &[&str] = &[
    "「",
    "」",
    "（",
    "）",
    "(",
    ")",
    "：",
    ":",
    "、",
    "，",
    "\n",
    " ",
    "　",
    "#",
    "的",
    "除",
    "每",
    "年",
    "至少",
    "次",
    "日内",
    "事先",
    "当",
    "时",
    "应当",
    "规则",
    "条款",
    "原文",
    "对象",
    "责任人",
    "向",
    "一",
    "十",
    "１",
    "9",
    "年底前",
    "一季度",
    "任职满",
    "或",
    "參數",
    "=",
    "未定",
    "《",
    "》",
    "\r",
    "\u{feff}",
    "😀",
    "の",
];

fn check_text(text: &str) -> usize {
    let mut sources = SourceMap::new();
    let id = sources.add("mutant.guize", text.to_string());
    let (ast, d1) = guize::parse(&sources, id);
    let (_, d2) = guize::check(&[ast]);
    let all: Vec<_> = d1.into_iter().chain(d2).collect();
    // Rendering must not panic either, and every diagnostic points inside the file.
    let _ = guize::diagnostics::render(
        &all,
        &sources,
        guize::diagnostics::Lang::Zh,
        guize::diagnostics::Style::Plain,
    );
    for d in &all {
        if let Some(s) = d.span {
            assert!(
                s.end as usize <= text.len() && s.start <= s.end,
                "span out of the file: {d:?}"
            );
            assert!(
                text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize),
                "span inside a character: {d:?}"
            );
        }
    }
    all.len()
}

#[test]
fn mutated_rule_files_never_panic() {
    let mut rng = Lcg(20261122);
    let mut files: Vec<_> = std::fs::read_dir("tests/cases")
        .unwrap()
        .map(|e| e.unwrap().path().join("rules.guize"))
        .collect();
    files.push("rulesets/安徽省措施/规则.guize".into());
    files.sort();
    let mut mutants = 0;
    for f in files.iter().filter(|f| f.exists()) {
        let original: Vec<char> = std::fs::read_to_string(f).unwrap().chars().collect();
        for _ in 0..100 {
            let mut chars = original.clone();
            for _ in 0..1 + rng.next() % 4 {
                let at = rng.next() % (chars.len() + 1);
                match rng.next() % 3 {
                    0 if at < chars.len() => {
                        chars.remove(at);
                    }
                    1 => {
                        let piece = ALPHABET[rng.next() % ALPHABET.len()];
                        for (k, c) in piece.chars().enumerate() {
                            chars.insert(at + k, c);
                        }
                    }
                    _ => {
                        let len = 1 + rng.next() % 8;
                        let end = (at + len).min(chars.len());
                        let piece: Vec<char> = chars[at.min(end)..end].to_vec();
                        for (k, c) in piece.into_iter().enumerate() {
                            chars.insert(end + k, c);
                        }
                    }
                }
            }
            check_text(&chars.into_iter().collect::<String>());
            mutants += 1;
        }
    }
    assert!(mutants > 1000, "only {mutants} mutants");
}

#[test]
fn a_long_file_parses_without_deep_recursion() {
    let mut text = String::from("规则集 长文件\n职务 一把手\n事项 监督谈话\n");
    for i in 0..3000 {
        text.push_str(&format!("条款 （{i}）\n  原文 「第{i}条」\n  规则 谈话{i}：\n    对象 一把手\n    应当 每年至少1次 监督谈话\n"));
    }
    let mut sources = SourceMap::new();
    let id = sources.add("long.guize", text);
    let (ast, d) = guize::parse(&sources, id);
    assert!(d.is_empty(), "{d:?}");
    let (rs, d) = guize::check(&[ast]);
    assert!(d.is_empty());
    assert_eq!(rs.rules.len(), 3000);
}

#[test]
fn arbitrary_bytes_as_text_do_not_panic() {
    let mut rng = Lcg(7);
    for _ in 0..300 {
        let len = rng.next() % 200;
        let s: String = (0..len)
            .map(|_| char::from_u32((rng.next() % 0x3100) as u32).unwrap_or('?'))
            .collect();
        check_text(&s);
    }
}
