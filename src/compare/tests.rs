//! The 从严 check on each dimension in each direction, and the counterexamples.

use super::words::DimName;
use super::{compare, counterexample, Verdict};
use crate::ir;
use crate::span::SourceMap;

const HEAD: &str = "规则集 测试
单位类别 党委、纪委
职务 一把手（唯一）、班子成员
事项 谈话、报告、违纪、离岗
事项 决策：
  字段 会议类型：选项（常委会、专题会议）
  字段 金额：数字
  字段 会签：是否
事项 表态：
  字段 议题：文本
  字段 次序：数字
事项 建议：
  字段 期限：日期
参数 及时：未定（期限）
条款 （一）
  规则 甲：
    原文 「测试」
";

/// The rule `甲` with the given lines (subject, responsible, requirement …).
fn rule(lines: &str) -> (ir::Rule, ir::Vocabulary) {
    let mut sources = SourceMap::new();
    let text = format!("{HEAD}{}", lines.replace("; ", "\n"));
    let id = sources.add("t.guize", text);
    let (ast, mut diags) = crate::parse(&sources, id);
    let (rs, d) = crate::check(&[ast]);
    diags.extend(d);
    assert!(
        !diags.iter().any(|d| d.is_error()),
        "{lines}: {:?}",
        diags.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    (rs.rules[0].clone(), rs.vocab)
}

/// The overall verdict and the dimensions that differ.
fn cmp(base: &str, local: &str) -> (Verdict, Vec<(DimName, Verdict)>) {
    let c = compare(&rule(base).0, &rule(local).0);
    (
        c.verdict,
        c.dims.iter().map(|d| (d.name, d.verdict)).collect(),
    )
}

const P: &str = "对象 下级单位的一把手; 责任人 上级单位的一把手; ";

fn periodic(req: &str) -> String {
    format!("{P}应当 {req} 谈话")
}

fn triggered(limit: &str) -> String {
    format!("当 下级单位的一把手 发生违纪 时; 责任人 上级单位的一把手; 应当 {limit} 谈话")
}

use DimName::*;
use Verdict::*;

#[test]
fn frequency_count() {
    let base = periodic("每年至少1次");
    assert_eq!(
        cmp(&base, &periodic("每年至少2次")),
        (Stricter, vec![(Frequency, Stricter)])
    );
    assert_eq!(cmp(&base, &periodic("每年至少1次")), (Same, vec![]));
    assert_eq!(
        cmp(&periodic("每年至少2次"), &base),
        (Looser, vec![(Frequency, Looser)])
    );
    assert_eq!(
        cmp(&periodic("每年至多3次"), &periodic("每年至多2次")).0,
        Stricter
    );
    assert_eq!(
        cmp(&periodic("每年至多2次"), &periodic("每年至多3次")).0,
        Looser
    );
}

#[test]
fn frequency_window() {
    let year = periodic("每年至少1次");
    assert_eq!(cmp(&year, &periodic("每半年至少1次")).0, Stricter);
    assert_eq!(cmp(&periodic("每半年至少1次"), &year).0, Looser);
    // Each half has one, so each year has two: stricter than 每年2次.
    assert_eq!(
        cmp(&periodic("每年至少2次"), &periodic("每半年至少1次")).0,
        Stricter
    );
    // Four a year may all fall in one quarter: looser than 每季度1次.
    assert_eq!(
        cmp(&periodic("每季度至少1次"), &periodic("每年至少4次")).0,
        Looser
    );
    assert_eq!(cmp(&year, &periodic("每2年至少1次")).0, Looser);
    // Weeks do not nest in months.
    assert_eq!(
        cmp(&periodic("每月至少1次"), &periodic("每周至少1次")).0,
        Incomparable
    );
}

#[test]
fn deadline_inside_the_window() {
    let any = periodic("每年至少1次");
    assert_eq!(
        cmp(&any, &periodic("每年一季度")),
        (Stricter, vec![(Deadline, Stricter)])
    );
    assert_eq!(cmp(&periodic("每年一季度"), &any).0, Looser);
    assert_eq!(
        cmp(&periodic("每年6月底前"), &periodic("每年3月31日前")).0,
        Stricter
    );
}

#[test]
fn response_time() {
    let base = triggered("30日内");
    assert_eq!(
        cmp(&base, &triggered("15日内")),
        (Stricter, vec![(Response, Stricter)])
    );
    assert_eq!(
        cmp(&base, &triggered("60日内")),
        (Looser, vec![(Response, Looser)])
    );
    assert_eq!(cmp(&base, &triggered("2周内")).0, Stricter);
    // A month is 28 to 31 days: not comparable with 30 days.
    assert_eq!(cmp(&base, &triggered("1个月内")).0, Incomparable);
}

#[test]
fn advance_notice() {
    let pre = |t: &str| format!("当 一把手 离岗 时; 应当 {t} 报告");
    assert_eq!(
        cmp(&pre("事先"), &pre("事先3日内")),
        (Stricter, vec![(Before, Stricter)])
    );
    assert_eq!(cmp(&pre("事先3日内"), &pre("事先")).0, Looser);
    assert_eq!(cmp(&pre("事先3日内"), &pre("事先2日内")).0, Stricter);
}

#[test]
fn population() {
    let req = "责任人 本单位的一把手; 应当 每年至少1次 谈话";
    let all = format!("对象 本单位班子成员; {req}");
    let some = format!("对象 本单位班子成员（除一把手）; {req}");
    assert_eq!(cmp(&some, &all), (Stricter, vec![(Population, Stricter)]));
    assert_eq!(cmp(&all, &some), (Looser, vec![(Population, Looser)]));
    let child = periodic("每年至少1次");
    let lower = "对象 下级的一把手; 责任人 上级单位的一把手; 应当 每年至少1次 谈话";
    assert_eq!(cmp(&child, lower).0, Stricter);
    assert_eq!(cmp(lower, &child).0, Looser);
}

#[test]
fn target_triggers_modality() {
    let to = |t: &str| format!("对象 下级纪委; 应当 每年 {t}报告");
    assert_eq!(
        cmp(&to(""), &to("向 上级纪委 ")),
        (Stricter, vec![(Target, Stricter)])
    );
    assert_eq!(cmp(&to("向 上级纪委 "), &to("")).0, Looser);
    let on =
        |k: &str| format!("当 下级单位的一把手 {k} 时; 责任人 上级单位的一把手; 应当 30日内 谈话");
    assert_eq!(
        cmp(&on("任职开始"), &on("任职开始 或 任职结束")),
        (Stricter, vec![(Triggers, Stricter)])
    );
    assert_eq!(cmp(&on("任职开始 或 任职结束"), &on("任职开始")).0, Looser);
    let m = |v: &str| format!("{P}{v} 每年至少1次 谈话");
    assert_eq!(
        cmp(&m("一般"), &m("应当")),
        (Stricter, vec![(Modality, Stricter)])
    );
    assert_eq!(cmp(&m("应当"), &m("一般")).0, Looser);
}

#[test]
fn concretised_responsible_event_mixed() {
    assert_eq!(
        cmp(&triggered("及时"), &triggered("15日内")),
        (Stricter, vec![(Concretised, Stricter)])
    );
    assert_eq!(cmp(&triggered("15日内"), &triggered("及时")).0, Looser);
    let other = "对象 下级单位的一把手; 责任人 上级单位的班子成员; 应当 每年至少1次 谈话";
    assert_eq!(
        cmp(&periodic("每年至少1次"), other),
        (Incomparable, vec![(Responsible, Incomparable)])
    );
    let report = format!("{P}应当 每年至少1次 报告");
    assert_eq!(cmp(&periodic("每年至少1次"), &report).0, Incomparable);
    // Stricter on one dimension, looser on another: incomparable.
    let mixed = format!("{P}一般 每年至少2次 谈话");
    assert_eq!(cmp(&periodic("每年至少1次"), &mixed).0, Incomparable);
}

/// Every counterexample returned has been evaluated; these are the dimensions it is built for.
#[test]
fn counterexamples_for_looser_rules() {
    let cases = [
        (periodic("每年至少2次"), periodic("每年至少1次")),
        (periodic("每半年至少1次"), periodic("每年至少1次")),
        (periodic("每季度至少1次"), periodic("每年至少4次")),
        (periodic("每年至少1次"), periodic("每2年至少1次")),
        (periodic("每年一季度"), periodic("每年至少1次")),
        (triggered("30日内"), triggered("60日内")),
        (
            "当 一把手 离岗 时; 应当 事先3日内 报告".to_string(),
            "当 一把手 离岗 时; 应当 事先 报告".to_string(),
        ),
        (
            "对象 本单位班子成员（除一把手）; 责任人 本单位的一把手; 应当 每半年 谈话".to_string(),
            "对象 本单位班子成员（除一把手）; 责任人 本单位的一把手; 应当 每年 谈话".to_string(),
        ),
        (
            "对象 下级纪委; 应当 每季度 报告".to_string(),
            "对象 下级纪委; 应当 每年 报告".to_string(),
        ),
        (
            "对象 一把手; 不得 作出 决策".to_string(),
            "对象 一把手; 不得 作出 决策（会议类型=专题会议）".to_string(),
        ),
        (
            "对象 一把手; 不得 表态".to_string(),
            "对象 一把手; 不得 先于 本单位班子成员（除一把手） 表态".to_string(),
        ),
    ];
    for (base, local) in cases {
        let (b, vocab) = rule(&base);
        let (l, _) = rule(&local);
        assert_eq!(compare(&b, &l).verdict, Looser, "{base} / {local}");
        let x = counterexample(&vocab, &b, &l);
        assert!(x.is_some(), "no counterexample for {base} / {local}");
        assert!(x.is_some_and(|x| x.csv.contains("事件.csv")));
    }
    // A narrower population: the base binds a member who is also 一把手, the local rule does not.
    let req = "责任人 本单位的一把手; 应当 每年至少1次 谈话";
    let (b, vocab) = rule(&format!("对象 本单位班子成员; {req}"));
    let (l, _) = rule(&format!("对象 本单位班子成员（除一把手）; {req}"));
    let x = counterexample(&vocab, &b, &l);
    assert!(
        x.as_ref()
            .is_some_and(|x| x.csv.contains("班子成员") && x.csv.contains(",一把手,")),
        "{x:?}"
    );
    // Same rule: no fact set can tell them apart.
    let (b, vocab) = rule(&periodic("每年至少1次"));
    assert_eq!(counterexample(&vocab, &b, &b), None);
}

#[test]
fn ratio_larger_share_and_shorter_window_are_stricter() {
    let r = |req: &str| format!("对象 党委; 范围 下级单位的一把手; 应当 {req} 谈话");
    let base = r("每年 按人数10%");
    assert_eq!(
        cmp(&base, &r("每年 按人数20%")),
        (Stricter, vec![(Ratio, Stricter)])
    );
    assert_eq!(
        cmp(&base, &r("每年 按人数5%")),
        (Looser, vec![(Ratio, Looser)])
    );
    assert_eq!(
        cmp(&base, &r("每半年 按人数10%")),
        (Stricter, vec![(Frequency, Stricter)])
    );
    assert_eq!(
        cmp(&base, &r("每2年 按人数10%")),
        (Looser, vec![(Frequency, Looser)])
    );
    assert_eq!(cmp(&base, &base), (Same, vec![]));
    let narrower = "对象 党委; 范围 下级单位的一把手（除班子成员）; 应当 每年 按人数10% 谈话";
    assert_eq!(cmp(&base, narrower), (Looser, vec![(Population, Looser)]));
}

#[test]
fn term_coverage_population() {
    let base = "对象 党委; 范围 下级单位的一把手（除班子成员）; 应当 一届任期内 全覆盖 谈话";
    let wider = "对象 党委; 范围 下级单位的一把手; 应当 一届任期内 全覆盖 谈话";
    assert_eq!(cmp(base, wider), (Stricter, vec![(Population, Stricter)]));
    assert_eq!(cmp(wider, base), (Looser, vec![(Population, Looser)]));
}

#[test]
fn prohibition_without_a_condition_forbids_more() {
    let any = "对象 一把手; 不得 作出 决策";
    let some = "对象 一把手; 不得 作出 决策（会议类型=专题会议）";
    assert_eq!(cmp(some, any), (Stricter, vec![(Property, Stricter)]));
    assert_eq!(cmp(any, some), (Looser, vec![(Property, Looser)]));
    let other = "对象 一把手; 不得 作出 决策（会议类型=常委会）";
    assert_eq!(
        cmp(some, other),
        (Incomparable, vec![(Property, Incomparable)])
    );
    let ordered = "对象 一把手; 不得 先于 本单位班子成员（除一把手） 表态";
    let all = "对象 一把手; 不得 表态";
    assert_eq!(cmp(ordered, all), (Stricter, vec![(Order, Stricter)]));
    assert_eq!(cmp(all, ordered), (Looser, vec![(Order, Looser)]));
}

#[test]
fn prohibition_counterexample_names_the_base_condition() {
    let (b, vocab) = rule("对象 一把手; 不得 作出 决策（会议类型=常委会）");
    let (l, _) = rule("对象 一把手; 不得 作出 决策（会议类型=专题会议）");
    let x = counterexample(&vocab, &b, &l).expect("a counterexample");
    // The one act meets the base's condition, which the local rule does not forbid.
    assert!(
        x.csv.contains("编号,日期,类型,单位,主体,对象,会议类型"),
        "{}",
        x.csv
    );
    assert!(
        x.csv.contains(",决策,") && x.csv.contains(",常委会"),
        "{}",
        x.csv
    );
}

#[test]
fn ratio_counterexample_is_the_smallest_population_that_tells_them_apart() {
    let r = |pct: &str| format!("对象 党委; 范围 下级单位的一把手; 应当 每年 按人数{pct} 谈话");
    let (b, vocab) = rule(&r("10%"));
    let (l, _) = rule(&r("5%"));
    let x = counterexample(&vocab, &b, &l).expect("a counterexample");
    // N = 11: ⌈5% × 11⌉ = 1 is met, ⌈10% × 11⌉ = 2 is not.
    assert!(
        x.csv.contains("P11,") && !x.csv.contains("P12,"),
        "{}",
        x.csv
    );
    assert_eq!(x.csv.matches(",谈话,").count(), 1, "{}", x.csv);
}

#[test]
fn prohibition_thresholds_and_conditions() {
    let p = |c: &str| format!("对象 一把手; 不得 决策（{c}）");
    // A lower threshold forbids more: stricter; a higher one, looser.
    assert_eq!(
        cmp(&p("金额≥3000，会签=否"), &p("金额≥1000，会签=否")).0,
        Stricter
    );
    assert_eq!(
        cmp(&p("金额≥3000，会签=否"), &p("金额>5000，会签=否")).0,
        Looser
    );
    // Dropping a condition forbids more; adding one, less.
    assert_eq!(cmp(&p("金额≥3000，会签=否"), &p("金额≥3000")).0, Stricter);
    assert_eq!(cmp(&p("金额≥3000"), &p("金额≥3000，会签=否")).0, Looser);
    assert_eq!(
        cmp(&p("金额≥3000，会签=否"), &p("会签=否，金额>=3000")).0,
        Same
    );
    assert_eq!(cmp(&p("金额≥3000"), &p("会签=否")).0, Incomparable);
}

#[test]
fn a_required_property_of_a_periodic_count() {
    let q = |c: &str| format!("对象 下级单位的一把手; 应当 每年至少1次 决策{c}");
    let (v, dims) = cmp(&q(""), &q("（会议类型=常委会）"));
    assert_eq!((v, dims), (Stricter, vec![(Required, Stricter)]));
    assert_eq!(cmp(&q("（会议类型=常委会）"), &q("")).0, Looser);
    // The same for a triggered response.
    let t = |c: &str| {
        format!("当 下级单位的一把手 离岗 时; 责任人 上级单位的一把手; 应当 30日内 决策{c}")
    };
    assert_eq!(
        cmp(&t(""), &t("（会议类型=常委会）")),
        (Stricter, vec![(Required, Stricter)])
    );
    assert_eq!(cmp(&t("（金额≥1000）"), &t("（金额≥3000）")).0, Stricter);
}

#[test]
fn a_mutual_act_is_looser_than_a_one_sided_one() {
    let t = |m: &str| format!("对象 本单位的一把手; 应当 每年至少1次 {m}谈话");
    assert_eq!(cmp(&t("相互 "), &t("")).0, Stricter);
    assert_eq!(cmp(&t(""), &t("相互 ")).0, Looser);
    assert_eq!(cmp(&t("相互 "), &t("相互 ")).0, Same);
}

#[test]
fn anyone_acting_is_looser_than_a_named_actor() {
    let t = |who: &str| format!("当 下级单位的一把手 离岗 时; 责任人 {who}; 应当 30日内 谈话");
    assert_eq!(cmp(&t("不限"), &t("上级单位的一把手")).0, Stricter);
    assert_eq!(cmp(&t("上级单位的一把手"), &t("不限")).0, Looser);
    assert_eq!(cmp(&t("不限"), &t("不限")).0, Same);
}

#[test]
fn forbidding_more_areas_is_stricter() {
    let ban = |areas: &str| format!("对象 一把手; 不得 分管 {areas}");
    let five = ban("干部人事、工程招标、行政审批、物资采购、财务");
    assert_eq!(
        cmp(&ban("干部人事、财务"), &five),
        (Stricter, vec![(Property, Stricter)])
    );
    assert_eq!(
        cmp(&five, &ban("财务、干部人事")),
        (Looser, vec![(Property, Looser)])
    );
    assert_eq!(cmp(&ban("财务、干部人事"), &ban("干部人事、財務")).0, Same);
    assert_eq!(
        cmp(&ban("财务"), &ban("工程招标")),
        (Incomparable, vec![(Property, Incomparable)])
    );
    // A different pattern (an event prohibition) is incomparable.
    assert_eq!(cmp(&ban("财务"), "对象 一把手; 不得 谈话").0, Incomparable);
}

#[test]
fn a_loosened_assignment_ban_has_a_confirmed_counterexample() {
    let (base, vocab) = rule("对象 一把手; 不得 分管 干部人事、财务");
    let (local, _) = rule("对象 一把手; 不得 分管 干部人事");
    let c = counterexample(&vocab, &base, &local).expect("a counterexample");
    assert!(
        c.csv.contains("分工.csv\n人员,单位,分管,起始\n"),
        "{}",
        c.csv
    );
    assert!(c.csv.contains(",财务,2023-03-01"), "{}", c.csv);
    // Forbidding more has none.
    assert!(counterexample(&vocab, &local, &base).is_none());
}

/// `责任人 发现者`, `向 发现者的…`, `按 期限`: parties and deadlines from the trigger event.
#[test]
fn trigger_links() {
    let found = |who: &str, to: &str| {
        format!("当 下级单位的一把手 发生违纪 时; 责任人 {who}; 应当 30日内 {to}报告")
    };
    let finder = found("发现者", "向 发现者的同级党委的一把手 ");
    assert_eq!(cmp(&finder, &finder), (Same, vec![]));
    // Naming the finder binds more than anyone.
    assert_eq!(
        cmp(&found("不限", "向 发现者的同级党委的一把手 "), &finder),
        (Stricter, vec![(Responsible, Stricter)])
    );
    assert_eq!(
        cmp(&finder, &found("不限", "向 发现者的同级党委的一把手 ")),
        (Looser, vec![(Responsible, Looser)])
    );
    // The finder and a fixed role are different parties.
    assert_eq!(
        cmp(
            &found("上级单位的一把手", "向 发现者的同级党委的一把手 "),
            &finder
        )
        .0,
        Incomparable
    );
    // Two recipients relative to the finder: incomparable; adding one: stricter.
    assert_eq!(
        cmp(&finder, &found("发现者", "向 发现者的党委 ")),
        (Incomparable, vec![(Target, Incomparable)])
    );
    assert_eq!(
        cmp(&found("发现者", ""), &finder),
        (Stricter, vec![(Target, Stricter)])
    );
    // A deadline written in each document cannot be ordered against a number of days.
    let by_doc = "当 党委 发生建议 时; 应当 按 期限 报告";
    let fixed = "当 党委 发生建议 时; 应当 30日内 报告";
    assert_eq!(cmp(by_doc, by_doc), (Same, vec![]));
    assert_eq!(
        cmp(fixed, by_doc),
        (Incomparable, vec![(Response, Incomparable)])
    );
}
