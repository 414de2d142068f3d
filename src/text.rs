//! Text normalisation shared by every stage: folding traditional and full-width forms for
//! matching, numerals (Arabic, full-width and Chinese), dates, and "did you mean" suggestions.
//!
//! INVARIANT: [`fold_keep_offsets`] never changes a byte offset, so spans computed on the
//! folded text are valid on the original text, which is what diagnostics and 原文 show.

use chrono::NaiveDate;

/// Folds a name for matching: traditional → simplified, full-width → half-width, trimmed.
///
/// `監督談話` and `监督谈话` fold to the same key; the original spelling is kept separately
/// wherever it is shown.
pub fn fold(s: &str) -> String {
    let simplified = fold_keep_offsets(s.trim());
    simplified
        .chars()
        .map(half_width)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Traditional → simplified, character by character, keeping every byte offset.
///
/// A character whose simplified form has a different UTF-8 length is left as it is.
pub fn fold_keep_offsets(s: &str) -> String {
    let converted = fast2s::convert(s);
    if converted.len() == s.len() {
        let same_shape = converted
            .chars()
            .zip(s.chars())
            .all(|(a, b)| a.len_utf8() == b.len_utf8());
        if same_shape && converted.chars().count() == s.chars().count() {
            return converted;
        }
    }
    // Defensive path: convert one character at a time, keeping only same-length results.
    s.chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let one = fast2s::convert(c.encode_utf8(&mut buf));
            let mut it = one.chars();
            match (it.next(), it.next()) {
                (Some(d), None) if d.len_utf8() == c.len_utf8() => d,
                _ => c,
            }
        })
        .collect()
}

/// Maps a full-width ASCII form (`１`, `：`, `（`) and the ideographic space to half-width.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The value of a numeral: `12`, `１２`, `十二`, `两`, `一百零五`, `廿`.
///
/// Returns `None` for anything that is not wholly a numeral (so `一把手` is not a number).
pub fn parse_number(s: &str) -> Option<u64> {
    let s: String = s.trim().chars().map(half_width).collect();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    parse_chinese_number(&s)
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '廿' => 20,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' | '萬' => 10_000,
        _ => return None,
    })
}

/// A Chinese numeral below 100,000,000, written the standard way: units strictly decreasing
/// (`二十二十` is not a number), a skipped unit marked by one `零` (`一百零五`), `十` bare only at
/// the start (`十五`), no two digits in a row (`三五`), no digit after 百/千/万 without `零`
/// (`一百五` could be 150 or 105).
fn parse_chinese_number(s: &str) -> Option<u64> {
    let (high, low) = match s.find(['万', '萬']) {
        Some(i) => {
            let w = s[i..].chars().next().map_or(0, char::len_utf8);
            (Some(&s[..i]), &s[i + w..])
        }
        None => (None, s),
    };
    let Some(high) = high else {
        return section(low, 10_000);
    };
    let high = match section(high, 10_000)? {
        0 => return None,
        h => h * 10_000,
    };
    if low.is_empty() {
        return Some(high);
    }
    // After 万: `一万零五` (a skipped 千 marked), or a full section from 千 (`一万二千`).
    match low.strip_prefix(['零', '〇']) {
        Some(rest) => Some(high + section(rest, 1000).filter(|&v| v > 0)?),
        None => Some(high + section(low, 10_000).filter(|&v| v >= 1000)?),
    }
}

/// A numeral below `bound` (10,000 or 1,000) without 万.
fn section(s: &str, bound: u64) -> Option<u64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() == 1 {
        return chinese_digit(chars[0]).or(chinese_unit(chars[0]).filter(|&u| u <= 20));
    }
    let mut value = 0;
    let mut last_unit = bound;
    let mut gap = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let first = i == 0;
        match (chinese_digit(c), chinese_unit(c), chars.get(i + 1).copied()) {
            (Some(0), _, _) => {
                if first || gap {
                    return None;
                }
                gap = true;
                i += 1;
            }
            (Some(d), _, Some(n)) if chinese_unit(n).is_some_and(|u| u <= 1000) => {
                let u = chinese_unit(n)?;
                if u == 20 || u >= last_unit || (gap && u * 10 >= last_unit) {
                    return None;
                }
                value += d * u;
                last_unit = u;
                gap = false;
                i += 2;
            }
            (Some(d), _, None) => {
                // The last digit counts ones only after 十, after a 零, or alone.
                if !(last_unit == 10 || gap) {
                    return None;
                }
                return Some(value + d);
            }
            (None, Some(u @ (10 | 20)), _) if first => {
                value = u;
                last_unit = 10;
                i += 1;
            }
            _ => return None,
        }
    }
    (!gap).then_some(value)
}

/// The number of a clause item, for article order: `(三)` → 3, `（二十五）` → 25, `九、` → 9,
/// `第三条` → 3, `3.` → 3. `None` when the label holds no numeral (such items go last, in the order
/// written).
pub fn item_number(item: &str) -> Option<u64> {
    let s: String = item.chars().map(half_width).collect();
    let s = s.trim().trim_start_matches('第');
    let s = s.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')'
                | '、'
                | '.'
                | '条'
                | '款'
                | '章'
                | '节'
                | '項'
                | '项'
                | ' '
                | '〔'
                | '〕'
                | '【'
                | '】'
        )
    });
    parse_number(s)
}

/// A yes/no value: 是/否, true/false, 1/0.
pub fn parse_bool(s: &str) -> Option<bool> {
    match fold(s).to_lowercase().as_str() {
        "是" | "true" | "1" => Some(true),
        "否" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Parses the date forms the contract accepts: `2023-03-05`, `2023/3/5`, `2023.3.5`,
/// `2023年3月5日` (digits may be full-width). Nothing else is guessed.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    // Fast path for the common `YYYY-MM-DD` (most fact rows): no allocation.
    if let Some(d) = parse_iso_date(s.trim().as_bytes()) {
        return Some(d);
    }
    let s: String = s.trim().chars().map(half_width).collect();
    let parts: Vec<&str> = if let Some(rest) = s.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        vec![y, m, d]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|c| s.contains(*c))?;
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() != 3 {
            return None;
        }
        parts
    };
    if parts[0].len() != 4 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    if !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `YYYY-MM-DD` exactly (ASCII digits), else `None` (the caller tries the other forms).
fn parse_iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}
/// The years a date in an input may have: anything else is a typo (`0202`, `9999`) and would
/// make an evaluation produce windows for centuries (README, "输入的限制").
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// The accepted date forms, for help texts.
pub const DATE_FORMS: &str = "2023-03-05、2023/3/5、2023.3.5、2023年3月5日";

/// The candidate closest to `name` (compared after folding), if close enough to suggest.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = fold(name);
    let mut best: Option<(f64, f64, &'a str)> = None;
    for cand in candidates {
        let raw = strsim::normalized_levenshtein(&key, &fold(cand));
        let contains = !key.is_empty() && (fold(cand).contains(&key) || key.contains(&fold(cand)));
        let score = if contains { raw.max(0.6) } else { raw };
        // Equal scores go to the closer spelling (`谈心` → `谈心谈话` rather than
        // `一般性问题谈心谈话`, which contains it too), then to the smaller candidate, so the
        // answer never depends on the caller's iteration order (hash maps iterate differently
        // on every run).
        let better = |(b, br, c): (f64, f64, &str)| {
            score > b || (score == b && (raw > br || (raw == br && cand < c)))
        };
        if score >= 0.5 && best.is_none_or(better) {
            best = Some((score, raw, cand));
        }
    }
    best.map(|(_, _, c)| c)
}

/// What to suggest when `written` stands where a person's id is expected: the people whose name
/// it is (after folding), else the person whose id or name is closest, each shown as
/// `P003（刘晓明）`. `people` gives (id, name) pairs.
pub fn person_hint<'a>(
    written: &str,
    people: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<String> {
    let people: Vec<(&str, &str)> = people.into_iter().collect();
    let shown = |(id, name): (&str, &str)| match name.is_empty() {
        true => id.to_string(),
        false => format!("{id}（{name}）"),
    };
    let key = fold(written);
    let named: Vec<String> = people
        .iter()
        .filter(|(_, n)| !n.is_empty() && fold(n) == key)
        .map(|&p| shown(p))
        .collect();
    if !named.is_empty() {
        return Some(named.join("、"));
    }
    let cands = people
        .iter()
        .flat_map(|(i, n)| [*i, *n])
        .filter(|c| !c.is_empty());
    let best = suggest(written, cands)?;
    people
        .iter()
        .find(|(i, n)| *i == best || *n == best)
        .map(|&p| shown(p))
}

/// A datetime written as text, as spreadsheets show date cells: `2021/11/11 0:00`,
/// `2021-11-11 00:00:00`, `2021年11月11日 9:30`: the date, when the time is a valid clock time
/// (the time of day is dropped: facts are dated by the day).
pub fn parse_datetime_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let (date, time) = s.split_once([' ', 'T', '\u{3000}'])?;
    let time = time.trim();
    let mut parts = time.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let sec: f64 = match parts.next() {
        Some(x) => x.parse().ok()?,
        None => 0.0,
    };
    let valid = h < 24 && m < 60 && (0.0..60.0).contains(&sec) && parts.next().is_none();
    valid.then(|| parse_date(date)).flatten()
}

/// Turns each carriage return not followed by a line feed into a line feed, in place: a lone CR
/// ends a line for the csv crate and in editors (old Mac files end every line so), and line
/// numbers must count it as they do. One byte for one byte, so every offset stays valid.
pub fn lone_cr_to_lf(text: &mut String) {
    if !text.contains('\r') {
        return;
    }
    // SAFETY: only the ASCII byte `\r` is replaced, by the ASCII byte `\n`: still UTF-8.
    let bytes = unsafe { text.as_bytes_mut() };
    for i in memchr::memchr_iter(b'\r', bytes).collect::<Vec<_>>() {
        if bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(parse_number("1"), Some(1));
        assert_eq!(parse_number("１２"), Some(12));
        assert_eq!(parse_number("一"), Some(1));
        assert_eq!(parse_number("两"), Some(2));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("十五"), Some(15));
        assert_eq!(parse_number("二十"), Some(20));
        assert_eq!(parse_number("三十"), Some(30));
        assert_eq!(parse_number("一百零五"), Some(105));
        assert_eq!(parse_number("二十五"), Some(25));
        assert_eq!(parse_number("一把手"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("廿五"), Some(25));
        assert_eq!(parse_number("两百"), Some(200));
        assert_eq!(parse_number("一千零五十"), Some(1050));
        assert_eq!(parse_number("三千二百一十"), Some(3210));
        assert_eq!(parse_number("一万"), Some(10_000));
        assert_eq!(parse_number("一万零五"), Some(10_005));
        assert_eq!(parse_number("三万二千"), Some(32_000));
        assert_eq!(parse_number("零"), Some(0));
    }

    #[test]
    fn malformed_numerals_are_refused() {
        for bad in [
            "十十",
            "二十二十",
            "三五",
            "一百五",
            "一千零五百",
            "百",
            "零五",
            "一百零",
            "五十零",
            "三万五",
            "万",
            "二十廿",
            "十二十",
            "一十十",
            "一二三",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_name_where_an_id_is_expected_is_suggested_with_both() {
        let people = [("P003", "刘晓明"), ("P004", "陈丽娟"), ("P005", "")];
        assert_eq!(
            person_hint("刘晓明", people).as_deref(),
            Some("P003（刘晓明）")
        );
        assert_eq!(
            person_hint("劉曉明", people).as_deref(),
            Some("P003（刘晓明）")
        );
        assert_eq!(
            person_hint("P03", people).as_deref(),
            Some("P003（刘晓明）")
        );
        assert_eq!(
            person_hint("陈丽", people).as_deref(),
            Some("P004（陈丽娟）")
        );
        assert_eq!(person_hint("完全无关的名字", people), None);
    }

    #[test]
    fn datetime_text_is_read_as_its_date() {
        let d = NaiveDate::from_ymd_opt(2021, 11, 11);
        assert_eq!(parse_datetime_date("2021/11/11 0:00"), d);
        assert_eq!(parse_datetime_date("2021-11-11 00:00:00"), d);
        assert_eq!(parse_datetime_date("2021年11月11日 9:30"), d);
        assert_eq!(parse_datetime_date("2021/11/11 25:00"), None);
        assert_eq!(parse_datetime_date("2021/11/11"), None);
        assert_eq!(parse_datetime_date("2021/11/31 0:00"), None);
    }

    #[test]
    fn item_numbers() {
        assert_eq!(item_number("(三)"), Some(3));
        assert_eq!(item_number("（二十五）"), Some(25));
        assert_eq!(item_number("九、"), Some(9));
        assert_eq!(item_number("第十三条"), Some(13));
        assert_eq!(item_number("3."), Some(3));
        assert_eq!(item_number("附则"), None);
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 5);
        assert_eq!(parse_date("2023-03-05"), d);
        assert_eq!(parse_date("2023/3/5"), d);
        assert_eq!(parse_date("2023.3.5"), d);
        assert_eq!(parse_date("2023年3月5日"), d);
        assert_eq!(parse_date("２０２３年３月５日"), d);
        assert_eq!(parse_date("03/05/2023"), None);
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("2023-3"), None);
    }

    #[test]
    fn folding_keeps_offsets() {
        let s = "規則集 監督談話（三）：報告時";
        let f = fold_keep_offsets(s);
        assert_eq!(f.len(), s.len());
        assert_eq!(f, "规则集 监督谈话（三）：报告时");
        assert_eq!(fold("  監督談話　"), "监督谈话");
        assert_eq!(fold("（三）"), "(三)");
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("监督淡话", ["任职谈话", "监督谈话"]),
            Some("监督谈话")
        );
        assert_eq!(suggest("完全无关", ["监督谈话"]), None);
        // Both contain what was written; the closer spelling wins, in either order.
        for cands in [
            ["一般性问题谈心谈话", "谈心谈话"],
            ["谈心谈话", "一般性问题谈心谈话"],
        ] {
            assert_eq!(suggest("谈心", cands), Some("谈心谈话"));
        }
    }
}
