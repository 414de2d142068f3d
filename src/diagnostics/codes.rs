//! The table of every diagnostic code. A test checks that each code used in `src/` is listed
//! here and each listed code is used; the long form of each code (`guize explain --code`) is a
//! Markdown file `codes/CODE.md` beside this file.

/// One diagnostic code.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    /// `E0101` …
    pub code: &'static str,
    /// What it means, in Chinese.
    pub zh: &'static str,
    /// What it means, in English.
    pub en: &'static str,
}

macro_rules! codes {
    ($($code:literal => $zh:literal, $en:literal;)*) => {
        /// Every code, in order.
        pub const CODES: &[Code] = &[$(Code { code: $code, zh: $zh, en: $en }),*];
    };
}

codes! {
    "E0001" => "无法读取文件", "cannot read a file";
    "E0002" => "不是普通文件", "not a regular file";
    "E0003" => "文件超过大小上限", "file larger than its limit";
    "E0004" => "规则文件不是有效的 UTF-8", "rule file is not valid UTF-8";
    "E0005" => "规则文件中有控制字符", "control character in a rule file";
    "E0020" => "不能把二进制报告写到终端", "binary report refused on a terminal";
    "E0021" => "无法写入文件", "cannot write a file";
    "E0022" => "无法生成报告", "cannot build the report";
    "E0023" => "筛选条件不对应任何值", "a filter value matches nothing";
    "E0024" => "无法写入标准输出或标准错误", "cannot write to stdout or stderr";
    "E0101" => "语法错误", "syntax error";
    "E0102" => "数字写法有误", "bad numeral";
    "E0103" => "规则名后缺少冒号", "missing colon after a rule name";
    "E0104" => "无法识别的语句", "unknown statement";
    "E0105" => "语句位置不对", "statement out of place";
    "E0106" => "引号未闭合", "unclosed quotation";
    "E0107" => "日期写法有误", "bad date";
    "E0108" => "缺少规则集名称", "missing ruleset header";
    "E0109" => "数值超出允许的范围", "number outside its allowed range";
    "E0110" => "日期的年份不合常理", "implausible year in a date";
    "E0201" => "未声明的事项", "undeclared event kind";
    "E0202" => "未声明的职务或单位类别", "undeclared role or unit kind";
    "E0204" => "重复声明", "duplicate declaration";
    "E0205" => "未声明的参数", "undeclared parameter";
    "E0206" => "规则不完整", "incomplete rule";
    "E0207" => "对象不能使用相对范围", "subject cannot use a relative scope";
    "E0208" => "触发规则缺少期限", "triggered rule without a time limit";
    "E0240" => "未写修订而重新定义上级规则", "inherited rule redefined without 修订";
    "E0241" => "找不到被修订或废止的上级规则", "no such inherited rule";
    "E0242" => "废止或不适用上级规则未说明理由", "repeal of an inherited rule without a reason";
    "E0243" => "从宽未说明理由", "从宽 without a reason";
    "E0244" => "从宽只能用于修订", "从宽 outside an amendment";
    "E0245" => "找不到继承的规则集", "base ruleset not found";
    "E0246" => "继承成环", "inheritance cycle";
    "E0247" => "修订放宽了上级规则", "amendment loosens the inherited rule";
    "E0248" => "比较的规则集不是其上级", "diff: base is not inherited by the local ruleset";
    "E0260" => "原文在出处中找不到", "quote not found in its source document";
    "E0261" => "出处有误", "bad 出处 (source document)";
    "E0262" => "例中的参数不是规则集的参数", "an example's parameter is not a parameter of the ruleset";
    "E0249" => "规则集头部语句写在第二个文件中", "ruleset header line in a second file";
    "E0301" => "参数类型不符", "parameter of the wrong kind";
    "E0302" => "规则组合不支持", "unsupported combination in a rule";
    "E0310" => "事项没有该字段", "the event kind has no such field";
    "E0311" => "条件取值不合字段类型", "condition value of the wrong type";
    "E0312" => "先于 需要字段 议题 和 次序", "`先于` needs the fields 议题 and 次序";
    "E0313" => "违反 后的规则不存在", "no such rule after `违反`";
    "E0314" => "不支持后果的后果", "a consequence of a consequence";
    "E0315" => "每次、首次 缺少条件", "`每次` / `首次` without a condition";
    "E0316" => "比例或全覆盖缺少范围", "ratio or coverage without `范围`";
    "E0317" => "比例超出范围", "ratio out of range";
    "E0318" => "没有这条规则（explain --rule）", "no such rule (explain --rule)";
    "E0319" => "没有这个对象", "unknown subject";
    "E0320" => "取自触发事件的一方或期限用错", "a party or deadline from the trigger event misused";
    "W0201" => "规则使用了未定参数", "rule uses an open vague parameter";
    "W0203" => "同一文件中条款重复", "clause written twice in one file";
    "W0204" => "同一条款写了不同的标题", "one clause with two titles";
    "W0240" => "标注从宽但并未放宽", "从宽 on an amendment that does not loosen";
    "W0241" => "无法判定修订是否从严", "cannot decide whether an amendment is stricter";
    "E0401" => "日期写法有误", "bad date in facts";
    "E0402" => "未声明的事件类型", "unknown event kind in facts";
    "E0403" => "未声明的职务", "unknown role in facts";
    "E0404" => "引用了不存在的编号", "unknown id";
    "E0405" => "编号重复", "duplicate id";
    "E0406" => "终止日期早于起始日期", "end before start";
    "E0407" => "上级关系成环", "cycle in parent units";
    "E0408" => "唯一职务任职重叠", "overlapping tenures of a sole-holder post";
    "E0409" => "缺少必需的列", "missing required column";
    "E0410" => "表格行格式有误", "malformed row";
    "E0411" => "字段值不合类型", "field value of the wrong type";
    "E0412" => "缺少必填值", "missing required value";
    "E0413" => "未声明的字段列", "undeclared field column";
    "E0414" => "一个表有多个文件", "a table held by several files";
    "E0415" => "表头中的列重复", "a column named twice in a header";
    "E0416" => "JSON 中的键重复", "a key given twice in JSON facts";
    "E0417" => "届次重叠", "overlapping terms of a unit";
    "E0418" => "引号吞并了后面的行", "a quote swallowed the rows after it";
    "E0420" => "无法打开工作簿或工作表", "cannot open a workbook or sheet";
    "E0421" => "单元格是 Excel 错误值", "cell holds an Excel error";
    "E0422" => "无法解码的字节", "undecodable bytes";
    "W0401" => "重复事件", "duplicate event";
    "W0402" => "未声明的单位类别", "undeclared unit kind in facts";
    "W0420" => "工作表不是事实表，已忽略", "sheet is not a fact table; ignored";
    "W0421" => "表中有未知的列，未读入", "unknown column in a table; not read";
    "W0422" => "事实目录中的 CSV 文件不是事实表，未读入", "CSV file in a facts directory names no table; not read";
    "W0430" => "触发事件没有写明期限", "trigger event without its deadline";
}

/// The entry for `code`, if it exists.
pub fn lookup(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

// The long form of each code, one Markdown file per code in `codes/` (collected by build.rs).
include!(concat!(env!("OUT_DIR"), "/code_docs.rs"));

/// The headings of a long form: Chinese, then English (what it means, why, an example, the fix).
pub const DOC_HEADINGS: [[&str; 4]; 2] = [
    ["含义", "原因", "示例", "修正"],
    ["What it means", "Why", "Example", "Fix"],
];

/// The Markdown file holding the long form of `code` (`src/diagnostics/codes/E0201.md`).
pub fn doc_file(code: &str) -> String {
    format!("src/diagnostics/codes/{code}.md")
}

/// The long form of `code` in `lang`, headed by the code and its one-line meaning; `None` when
/// the code has no file in `codes/`.
pub fn long_form(code: &str, lang: super::Lang) -> Option<String> {
    let doc = DOCS.iter().find(|(c, _)| *c == code)?.1;
    let split = doc.find(&format!("## {}", DOC_HEADINGS[1][0]))?;
    let first = doc.find(&format!("## {}", DOC_HEADINGS[0][0]))?;
    let (body, title) = match (lang, lookup(code)) {
        (super::Lang::Zh, c) => (&doc[first..split], c.map(|c| c.zh)),
        (super::Lang::En, c) => (&doc[split..], c.map(|c| c.en)),
    };
    let title = title.map(|t| format!(" {t}")).unwrap_or_default();
    Some(format!("# {code}{title}\n\n{}\n", body.trim_end()))
}
