use super::*;
use crate::ir::{EventDecl, FieldDecl, FieldType, Name, RoleDecl};
use crate::span::Span;

fn name(s: &str) -> Name {
    Name {
        key: s.into(),
        display: s.into(),
        span: Span::default(),
    }
}

fn vocab() -> Vocabulary {
    Vocabulary {
        unit_kinds: vec![name("党委")],
        roles: vec![RoleDecl {
            name: name("一把手"),
            sole: true,
        }],
        events: vec![EventDecl {
            name: name("监督谈话"),
            fields: vec![FieldDecl {
                name: name("集体研究"),
                ty: FieldType::Bool,
            }],
        }],
    }
}

fn load(tables: &[(&str, &str)]) -> (Facts, Vec<Diag>, SourceMap) {
    let mut sources = SourceMap::new();
    let t: Vec<(String, String)> = tables
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let (f, d) = from_csv_tables(&t, &vocab(), &mut sources);
    (f, d, sources)
}

const UNITS: &str = "\u{feff}编号,名称,类别,上级\r\nC,市委,党委,\r\nA,\"甲镇,一\",党委,C\r\n";
const PEOPLE: &str = "编号,姓名\nP1,张\nP2,李\n";

#[test]
fn bom_crlf_quotes_and_a_clean_load() {
    let tenures =
        "人员,单位,职务,起始,终止\nP1,C,一把手,2020-01-01,2023-06-30\nP2,C,一把手,2023-06-30,\n";
    let events = "编号,日期,类型,单位,主体,对象,集体研究\nE1,2023/3/5,监督谈话,C,P1,\"P2、A\",是\nE2,2023年3月5日,監督談話,C,P1,A;P2,\n";
    let (f, d, _) = load(&[
        ("单位.csv", UNITS),
        ("人员.csv", PEOPLE),
        ("任职.csv", tenures),
        ("事件.csv", events),
    ]);
    assert!(d.iter().all(|x| !x.is_error()), "{d:?}");
    assert_eq!(f.units[1].name, "甲镇,一");
    assert_eq!(f.units[1].parent, Some(0));
    assert_eq!(f.tenures.len(), 2, "a same-day handover is valid");
    assert_eq!(f.events.len(), 1);
    assert_eq!(f.duplicates, vec![("E1".to_string(), "E2".to_string())]);
    assert_eq!(f.rows_read, 2 + 2 + 2 + 2);
}

#[test]
fn every_problem_is_reported_with_its_location() {
    let units = "编号,名称,类别,上级\nC,市委,党委,X\nA,甲,党委,B\nB,乙,党委,A\nA,重复,党委,\n";
    let tenures = "人员,单位,职务,起始,终止\nP1,C,一把手,2020-01-01,2023-07-02\nP2,C,一把手,2023-06-30,\nP1,C,书记,2020-01-01,\nP2,A,一把手,2024-01-01,2023-01-01\n";
    let events = "编号,日期,类型,主体,对象,集体研究,集体研穷\nE1,03/05/2023,监督谈话,P1,P2,是,x\nE2,2023-01-01,监督淡话,P1,P9,否,\nE2,2023-01-01,监督谈话,P1,P2,否\nE3,2023-01-02,监督谈话,P1,P2,也许,\n";
    let (f, d, sources) = load(&[
        ("单位.csv", units),
        ("人员.csv", PEOPLE),
        ("任职.csv", tenures),
        ("事件.csv", events),
    ]);
    let mut codes: Vec<&str> = d.iter().map(|x| x.code).collect();
    codes.sort_unstable();
    codes.dedup();
    for c in [
        "E0401", "E0402", "E0403", "E0404", "E0405", "E0406", "E0407", "E0408", "E0410", "E0411",
        "E0413",
    ] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
    let bad_date = d.iter().find(|x| x.code == "E0401").unwrap();
    assert_eq!(sources.location(bad_date.span.unwrap()), "事件.csv:2:4");
    let unknown_role = d.iter().find(|x| x.code == "E0403").unwrap();
    assert_eq!(sources.location(unknown_role.span.unwrap()), "任职.csv:4:6");
    assert_eq!(f.rows_read, 4 + 2 + 4 + 4);
    assert!(f.skipped_rows >= 4);
}

#[test]
fn missing_column_and_json_form() {
    let (_, d, _) = load(&[("单位.csv", "编号,名称\nC,市委\n")]);
    assert!(d.iter().any(|x| x.code == "E0409"));
    let mut sources = SourceMap::new();
    let json = r#"{"单位":[{"编号":"C","名称":"市委","类别":"党委"}],"人员":[{"id":"P1"}],"事件":[{"编号":"E1","日期":"2023-13-01","类型":"监督谈话"}]}"#;
    let (f, d) = from_json_str("f.json", json, &vocab(), &mut sources);
    assert_eq!(f.people.len(), 1);
    let e = d.iter().find(|x| x.code == "E0401").expect("bad date");
    assert!(e.message.zh.contains("/事件/0"), "{}", e.message.zh);
}

#[test]
fn a_person_where_a_unit_belongs_and_back() {
    let tenures = "人员,单位,职务,起始\nC,P1,一把手,2020-01-01\n";
    let units = "编号,名称,类别,上级\nC,市委,党委,\nA,甲,党委,P1\n";
    let (_, d, sources) = load(&[
        ("单位.csv", units),
        ("人员.csv", PEOPLE),
        ("任职.csv", tenures),
    ]);
    let msgs: Vec<(String, String)> = d
        .iter()
        .filter(|x| x.code == "E0404")
        .map(|x| (x.message.zh.clone(), sources.location(x.span.unwrap())))
        .collect();
    // 上级 is resolved while the units are built, before the people are known.
    assert!(
        msgs.contains(&("上级引用了不存在的编号 `P1`".into(), "单位.csv:3:8".into())),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&("人员 `C` 是单位而不是人员".into(), "任职.csv:2:1".into())),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&("单位 `P1` 是人员而不是单位".into(), "任职.csv:2:3".into())),
        "{msgs:?}"
    );
}
