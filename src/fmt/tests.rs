//! Unit tests of the formatter: layout, spacing, punctuation, comments, blank lines, safety.

use super::{diff, format};

#[test]
fn indents_by_grouping_and_respaces() {
    let messy = "\u{3000}规则集   甲\n依据 《意见》\n\t生效 2022年5月2日\n单位类别 党委,纪委\n\
                 职务 一把手 (唯一) ， 班子成员\n事项 谈话:\n字段 集体研究 : 是否\n\n\n\
                 参数 及时=30日\n参数 定期:未定(周期)\n条款 (三)  标题  文字\n原文 「a  b」\n\
                 规则 谈话\n对象:下级单位的一把手\n当 下级单位的一把手   任职开始  时\n\
                       应当   及时   谈话（集体研究 ＝ 是）\n\n\n";
    let want = [
        "规则集 甲",
        "  依据 《意见》",
        "  生效 2022年5月2日",
        "单位类别 党委、纪委",
        "职务 一把手（唯一）、班子成员",
        "事项 谈话：",
        "  字段 集体研究：是否",
        "",
        "参数 及时 = 30日",
        "参数 定期：未定（周期）",
        "条款 (三) 标题  文字",
        "  原文 「a  b」",
        "  规则 谈话",
        "    对象：下级单位的一把手",
        "    当 下级单位的一把手 任职开始 时",
        "    应当 及时 谈话（集体研究=是）",
        "",
    ]
    .join("\n");
    assert_eq!(format(messy), want);
    assert_eq!(format(&want), want);
}

#[test]
fn comments_take_the_depth_of_the_next_statement() {
    let text = "# 头\n规则集 甲\n条款 （一）\n# 规则前\n      规则 谈话：\n   # 对象前\n对象 党委  # 行尾\n# 文末\n";
    let want = "# 头\n规则集 甲\n条款 （一）\n  # 规则前\n  规则 谈话：\n    # 对象前\n    对象 党委 # 行尾\n# 文末\n";
    assert_eq!(format(text), want);
}

#[test]
fn clause_text_and_rule_text_sit_at_their_depths() {
    let text = "规则集 甲\n条款 （一） 题\n原文 「条款原文」\n不设规则：原则性要求\n条款 （二）\n规则 甲：\n原文 「规则原文\n  第二行」\n";
    let want = "规则集 甲\n条款 （一） 题\n  原文 「条款原文」\n  不设规则：原则性要求\n条款 （二）\n  规则 甲：\n    原文 「规则原文\n  第二行」\n";
    assert_eq!(format(text), want);
}

#[test]
fn broken_lines_are_kept_as_written() {
    let text =
        "规则集 甲\n条款 （一）\n  规则 甲：\n      应当 每年至少x次   谈话   \n原文 「没有闭合\n";
    let out = format(text);
    assert!(out.contains("\n      应当 每年至少x次   谈话\n"), "{out}");
    assert!(out.contains("\n原文 「没有闭合\n"), "{out}");
    assert_eq!(format(&out), out);
}

#[test]
fn crlf_bom_and_blank_runs() {
    let text = "\u{feff}\r\n\r\n规则集 甲\r\n\r\n\r\n事项 谈话\r\n\r\n";
    assert_eq!(format(text), "\u{feff}规则集 甲\n\n事项 谈话\n");
    assert_eq!(format(""), "");
    assert_eq!(format("\n\n  \n"), "");
}

#[test]
fn traditional_text_and_names_are_kept() {
    let text = "規則集 十個必嚴\n條款 （一）\n  規則 談話：\n    對象 下級單位的一把手\n";
    assert_eq!(format(text), text);
}

#[test]
fn diff_shows_changed_lines_with_context() {
    let d = diff("a\nb\nc\nd\n", "a\nB\nc\nd\n", "x", "y");
    assert_eq!(d, "--- x\n+++ y\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n");
    assert_eq!(diff("a\n", "a\n", "x", "y"), "");
}
