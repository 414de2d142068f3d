//! An empty fact workbook for a ruleset (`guize template`): one sheet per table with its headers
//! (the declared extra event fields too), drop-down lists for the declared unit kinds, roles, event
//! kinds and enumerated fields, date columns formatted as dates, and a 说明 sheet explaining each
//! column. Filled in, it loads as it is (the loader ignores 说明 and the hidden 选项 sheet).
//! Pure: the ruleset's vocabulary in, bytes out.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, Formula, Workbook, Worksheet,
    XlsxError,
};

use super::convert::DATE_FORMAT;
use crate::ir::{FieldType, Vocabulary};

/// Rows that carry the drop-downs and date formats.
const ROWS: u32 = 5000;

/// One column of a template sheet.
struct Col {
    name: String,
    required: bool,
    kind: ColKind,
    zh: String,
}

enum ColKind {
    Text,
    Date,
    /// A drop-down list (values in the 选项 sheet).
    List(Vec<String>),
}

fn col(name: &str, required: bool, kind: ColKind, zh: &str) -> Col {
    Col {
        name: name.into(),
        required,
        kind,
        zh: zh.into(),
    }
}

/// The sheets of the template for `vocab`, in table order.
fn sheets(vocab: &Vocabulary) -> Vec<(&'static str, Vec<Col>)> {
    use ColKind::*;
    let kinds: Vec<String> = vocab.unit_kinds.iter().map(|k| k.display.clone()).collect();
    let kind_col = if kinds.is_empty() { Text } else { List(kinds) };
    let roles = vocab.roles.iter().map(|r| r.name.display.clone()).collect();
    let events = vocab
        .events
        .iter()
        .map(|e| e.name.display.clone())
        .collect();
    let mut event_cols = vec![
        col("编号", true, Text, "事件编号，在事件表内唯一"),
        col("日期", true, Date, "事件发生的日期"),
        col(
            "类型",
            true,
            List(events),
            "规则集声明的事项之一（下拉选择）",
        ),
        col("单位", false, Text, "事件所在单位的编号"),
        col(
            "主体",
            false,
            Text,
            "谁做的：人员或单位编号，多个用 、 或 ; 分隔",
        ),
        col(
            "对象",
            false,
            Text,
            "涉及谁：人员或单位编号，多个用 、 或 ; 分隔",
        ),
    ];
    for e in &vocab.events {
        for f in &e.fields {
            if event_cols.iter().any(|c| c.name == f.name.display) {
                continue;
            }
            let (kind, what) = match &f.ty {
                FieldType::Bool => (List(vec!["是".into(), "否".into()]), "是/否".to_string()),
                FieldType::OneOf(o) => (List(o.clone()), format!("选项：{}", o.join("、"))),
                FieldType::Date => (Date, "日期".into()),
                FieldType::Number => (Text, "数字".into()),
                FieldType::Person => (Text, "人员编号".into()),
                FieldType::Unit => (Text, "单位编号".into()),
                FieldType::Event => (Text, "事件编号".into()),
                FieldType::Text => (Text, "文本".into()),
            };
            let zh = format!("事项“{}”的字段（{what}）；其他事项留空", e.name.display);
            event_cols.push(col(&f.name.display, false, kind, &zh));
        }
    }
    vec![
        (
            "单位",
            vec![
                col("编号", true, Text, "单位编号，与人员编号互不相同"),
                col("名称", true, Text, "单位名称"),
                col(
                    "类别",
                    true,
                    kind_col,
                    "规则集声明的单位类别之一（下拉选择）",
                ),
                col("上级", false, Text, "上级单位的编号；最高一级留空"),
                col(
                    "同级",
                    false,
                    Text,
                    "同级党委的编号（纪委、组织部填所在党委）",
                ),
            ],
        ),
        (
            "人员",
            vec![
                col("编号", true, Text, "人员编号，与单位编号互不相同"),
                col("姓名", false, Text, "姓名"),
            ],
        ),
        (
            "任职",
            vec![
                col("人员", true, Text, "人员编号"),
                col("单位", true, Text, "单位编号"),
                col(
                    "职务",
                    true,
                    List(roles),
                    "规则集声明的职务之一（下拉选择）",
                ),
                col("起始", true, Date, "任职起始日期（含当日）"),
                col("终止", false, Date, "任职终止日期（含当日）；仍在任留空"),
            ],
        ),
        ("事件", event_cols),
        (
            "届次",
            vec![
                col("单位", true, Text, "单位编号"),
                col("届次", true, Text, "届次名称，如 第十五届"),
                col("起始", true, Date, "届次起始日期"),
                col("终止", false, Date, "届次终止日期；未结束留空"),
            ],
        ),
        (
            "分工",
            vec![
                col("人员", true, Text, "人员编号（班子成员）"),
                col("单位", true, Text, "分工所在单位（班子所在单位）的编号"),
                col(
                    "分管",
                    true,
                    Text,
                    "分管的领域，多个用 、 或 ; 分隔，如 干部人事、财务",
                ),
                col(
                    "联系单位",
                    false,
                    Text,
                    "作为分管联系领导所联系的单位编号，多个用 、 或 ; 分隔",
                ),
                col("起始", true, Date, "分工起始日期（含当日）"),
                col("终止", false, Date, "分工终止日期（含当日）；仍在分管留空"),
            ],
        ),
    ]
}

/// The template workbook for a ruleset named `name` with vocabulary `vocab`.
pub fn template(name: &str, vocab: &Vocabulary) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(format!("{name} 事实模板"))
            .set_creation_datetime(&created),
    );
    let sheets = sheets(vocab);
    let header = Format::new().set_bold().set_background_color("#DDEBF7");
    let required = Format::new().set_bold().set_background_color("#FCE4D6");
    let date = Format::new().set_num_format(DATE_FORMAT);
    let mut lists: Vec<Vec<String>> = Vec::new();
    for (table, cols) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*table)?;
        ws.set_freeze_panes(1, 0)?;
        for (c, col) in cols.iter().enumerate() {
            let c = c as u16;
            let f = if col.required { &required } else { &header };
            ws.write_string_with_format(0, c, &col.name, f)?;
            ws.set_column_width(c, 14)?;
            match &col.kind {
                ColKind::Text => {}
                ColKind::Date => {
                    ws.set_column_format(c, &date)?;
                }
                ColKind::List(values) => {
                    lists.push(values.clone());
                    list_validation(ws, c, lists.len() - 1, values.len(), &col.name)?;
                }
            }
        }
    }
    explanation(wb.add_worksheet(), name, &sheets, &header)?;
    let opts = wb.add_worksheet();
    opts.set_name("选项")?;
    for (c, values) in lists.iter().enumerate() {
        for (r, v) in values.iter().enumerate() {
            opts.write_string(r as u32, c as u16, v)?;
        }
    }
    opts.set_hidden(true);
    wb.save_to_buffer()
}

/// A drop-down on column `c` from column `list` of the 选项 sheet.
fn list_validation(
    ws: &mut Worksheet,
    c: u16,
    list: usize,
    len: usize,
    name: &str,
) -> Result<(), XlsxError> {
    if len == 0 {
        return Ok(());
    }
    let letters = super::xlsx::column_letters(list as u32);
    let formula = format!("='选项'!${letters}$1:${letters}${len}");
    let v = DataValidation::new()
        .allow_list_formula(Formula::new(formula))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("不在列表中")?
        .set_error_message(format!("{name} 应从下拉列表中选择（规则集中声明的名称）"))?;
    ws.add_data_validation(1, c, ROWS, c, &v)?;
    Ok(())
}

/// The 说明 sheet: one row per column of every table.
fn explanation(
    ws: &mut Worksheet,
    name: &str,
    sheets: &[(&str, Vec<Col>)],
    header: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("说明")?;
    ws.write_string(
        0,
        0,
        format!("规则集 {name} 的事实模板：每张表一页，第一行是表头，从第二行起每行一条记录。"),
    )?;
    ws.write_string(1, 0, format!("日期写作日期单元格，或文本 {}；橙色表头为必填。填好后运行：guize eval 规则集 本文件.xlsx", crate::text::DATE_FORMS))?;
    for (c, h) in ["表", "列", "必填", "说明"].iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, header)?;
    }
    let mut r = 4;
    for (table, cols) in sheets {
        for col in cols {
            ws.write_string(r, 0, *table)?;
            ws.write_string(r, 1, &col.name)?;
            ws.write_string(r, 2, if col.required { "是" } else { "否" })?;
            ws.write_string(r, 3, &col.zh)?;
            r += 1;
        }
    }
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(3, 60)?;
    Ok(())
}
