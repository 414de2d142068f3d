//! The pest parser (the only place that derives it) and the names of its rules in words.

use pest_derive::Parser;

/// The generated parser for `grammar/rules.pest`.
#[derive(Parser)]
#[grammar = "../grammar/rules.pest"]
pub(crate) struct RuleParser;

/// What a rule is called in an "expected …" message, in Chinese and English.
///
/// Exhaustive on purpose: a new grammar rule must be given a name here.
pub(crate) fn renamed_rule(rule: Rule) -> (&'static str, &'static str) {
    match rule {
        Rule::EOI => ("行尾", "end of line"),
        Rule::WHITESPACE => ("空白", "whitespace"),
        Rule::COMMENT => ("注释", "a comment"),
        Rule::colon => ("冒号 `：`", "a colon `：`"),
        Rule::sep => ("分隔符 `、`", "a separator `、`"),
        Rule::lparen => ("左括号 `（`", "`（`"),
        Rule::rparen => ("右括号 `）`", "`）`"),
        Rule::equals => ("等号 `=`", "`=`"),
        Rule::stop_char => ("标点", "punctuation"),
        Rule::digit_char | Rule::number => {
            ("数字（如 1、１、一、十五）", "a number (1, １, 一, 十五)")
        }
        Rule::date => ("日期（如 2022年5月2日）", "a date (2022年5月2日)"),
        Rule::reserved => ("关键字", "a keyword"),
        Rule::name => ("名称", "a name"),
        Rule::party_name => ("职务或单位类别", "a role or unit kind"),
        Rule::event_name | Rule::required_event | Rule::tk_event => ("事项名称", "an event kind"),
        Rule::quoted => ("引文 「…」", "a quotation 「…」"),
        Rule::book_title => ("书名 《…》", "a title 《…》"),
        Rule::rest => ("文字", "text"),
        Rule::ruleset_decl => ("`规则集`", "`规则集`"),
        Rule::basis_decl => ("`依据`", "`依据`"),
        Rule::effective_decl => ("`生效`", "`生效`"),
        Rule::source_decl => ("`出处`", "`出处`"),
        Rule::anyone => ("`不限`", "`不限`"),
        Rule::same_day => ("`当日`", "`当日`"),
        Rule::cmp_ge | Rule::cmp_le | Rule::cmp_gt | Rule::cmp_lt | Rule::cmp_op => {
            ("比较符（≥、>、≤、<）", "a comparison (≥, >, ≤, <)")
        }
        Rule::cond_item => (
            "条件（字段=值、字段≥数值）",
            "a condition (field=value, field≥number)",
        ),
        Rule::example_decl => ("`例 名称：截至 日期`", "`例 NAME：截至 DATE`"),
        Rule::fact_table => (
            "表名（单位、人员、任职、事件、届次、分工）",
            "a table (单位, 人员, 任职, 事件, 届次, 分工)",
        ),
        Rule::cell => ("单元格（值或 列=值）", "a cell (a value or column=value)"),
        Rule::fact_row => ("事实行", "a fact row"),
        Rule::status_word => (
            "结论（已履行、违反、待履行、逾期履行、不适用）",
            "a status (已履行, 违反, 待履行, 逾期履行, 不适用)",
        ),
        Rule::expect_stmt => ("`预期 对象 日期 结论`", "`预期 SUBJECT DATE STATUS`"),
        Rule::doc_path => ("文件路径", "a file path"),
        Rule::doc_from => ("`自「…」`", "`自「…」`"),
        Rule::doc_to => ("`至「…」`", "`至「…」`"),
        Rule::doc_split => ("`分项「、」`", "`分项「、」`"),
        Rule::text_doc => ("出处名（如 （篇2））", "a source key ((篇2))"),
        Rule::assumed => ("`（假定：…）`", "`（假定：…）`"),
        Rule::assume_reason => ("假定的理由", "the reason of the assumption"),
        Rule::next_year => ("`次年起`", "`次年起`"),
        Rule::inherit_decl => ("`继承`", "`继承`"),
        Rule::ends_decl => ("`废止` 日期", "`废止` with a date"),
        Rule::rule_ref => (
            "规则编号（如 （八）.谈心谈话）",
            "a rule reference ((八).谈心谈话)",
        ),
        Rule::repeal_kind => ("`废止` 或 `不适用`", "`废止` or `不适用`"),
        Rule::repeal_decl => ("`废止`/`不适用` 规则", "`废止`/`不适用` of a rule"),
        Rule::amend_stmt => ("`修订`", "`修订`"),
        Rule::loosen_stmt => ("`从宽`", "`从宽`"),
        Rule::unit_kinds_decl => ("`单位类别`", "`单位类别`"),
        Rule::sole => ("`唯一`", "`唯一`"),
        Rule::role_item => ("职务", "a role"),
        Rule::roles_decl => ("`职务`", "`职务`"),
        Rule::event_decl => ("`事项`", "`事项`"),
        Rule::ty_text
        | Rule::ty_bool
        | Rule::ty_number
        | Rule::ty_date
        | Rule::ty_person
        | Rule::ty_unit
        | Rule::ty_event
        | Rule::ty_choice
        | Rule::field_type => (
            "字段类型（文本、是否、数字、日期、人员、单位、事件、选项（…））",
            "a field type (文本, 是否, 数字, 日期, 人员, 单位, 事件, 选项（…）)",
        ),
        Rule::field_decl => ("`字段`", "`字段`"),
        Rule::pk_duration
        | Rule::pk_period
        | Rule::pk_ratio
        | Rule::pk_count
        | Rule::param_kind => (
            "参数种类（期限、周期、比例、次数）",
            "a parameter kind (期限, 周期, 比例, 次数)",
        ),
        Rule::open => ("`未定`", "`未定`"),
        Rule::ratio => ("比例（如 10%、百分之十）", "a ratio (10%, 百分之十)"),
        Rule::times => ("次数（如 2次）", "a count (2次)"),
        Rule::param_value => (
            "参数值（如 15日、每半年、20%）",
            "a value (15日, 每半年, 20%)",
        ),
        Rule::param_decl => ("`参数`", "`参数`"),
        Rule::item => (
            "条目编号（如 （三）、九、、第三条）",
            "an item label ((三), 九、, 第三条)",
        ),
        Rule::clause_decl => ("`条款`", "`条款`"),
        Rule::text_decl => ("`原文`", "`原文`"),
        Rule::principle_decl => ("`不设规则`", "`不设规则`"),
        Rule::rule_decl => ("`规则`", "`规则`"),
        Rule::sc_same_unit
        | Rule::sc_parent_unit
        | Rule::sc_child_unit
        | Rule::sc_same_level
        | Rule::sc_upper
        | Rule::sc_lower
        | Rule::scope => (
            "范围（本单位、上级单位、下级单位、同级、上级、下级）",
            "a scope (本单位, 上级单位, …)",
        ),
        Rule::except => ("`（除 …）`", "`（除 …）`"),
        Rule::party => (
            "对象或责任人（如 下级单位的一把手）",
            "a party (下级单位的一把手)",
        ),
        Rule::subject_stmt => ("`对象`", "`对象`"),
        Rule::responsible_stmt => ("`责任人`", "`责任人`"),
        Rule::tk_start | Rule::tk_end | Rule::tk_years | Rule::trigger_kind => (
            "触发事项（任职开始、任职结束、任职满N年 或事项名称）",
            "a trigger (任职开始, 任职结束, 任职满N年 or an event kind)",
        ),
        Rule::trigger_stmt => ("`当`", "`当`"),
        Rule::tk_consecutive => ("`连续N次 事项`", "`连续N次 EVENT`"),
        Rule::tk_violation => ("`违反 规则名`", "`违反 RULE`"),
        Rule::cond => (
            "条件（如 （集体研究=是））",
            "a condition (（集体研究=是）)",
        ),
        Rule::each => ("`每次`", "`每次`"),
        Rule::first => ("`首次`", "`首次`"),
        Rule::basis_start | Rule::basis_end | Rule::basis_any | Rule::basis => {
            ("`期初`、`期末` 或 `期间`", "`期初`, `期末` or `期间`")
        }
        Rule::ratio_param => ("比例参数（如 一定比例）", "a ratio parameter (一定比例)"),
        Rule::ratio_cover => ("比例要求（如 每年 按人数10%）", "a ratio (每年 按人数10%)"),
        Rule::term_cover => ("`一届任期内 全覆盖`", "`一届任期内 全覆盖`"),
        Rule::order => ("`先于 …`", "`先于 …`"),
        Rule::population_stmt => ("`范围`", "`范围`"),
        Rule::m_obligation
        | Rule::m_default
        | Rule::m_permission
        | Rule::m_prohibition
        | Rule::modality => (
            "情态词（应当、一般、可以、不得）",
            "a modal verb (应当, 一般, 可以, 不得)",
        ),
        Rule::p_year
        | Rule::p_half
        | Rule::p_quarter
        | Rule::p_month
        | Rule::p_week
        | Rule::p_years
        | Rule::period => (
            "周期（每年、每半年、每季度、每月、每周、每N年）",
            "a period (每年, 每半年, 每季度, …)",
        ),
        Rule::pos_quarter
        | Rule::pos_first_half
        | Rule::pos_second_half
        | Rule::pos_date
        | Rule::pos_month_end
        | Rule::pos_window_end
        | Rule::position => (
            "期限位置（一季度、上半年、3月31日前、年底前）",
            "a deadline (一季度, 上半年, 3月31日前, 年底前)",
        ),
        Rule::op_at_least | Rule::op_at_most | Rule::op_exactly | Rule::count_op => {
            ("`至少`、`至多` 或 `恰好`", "`至少`, `至多` or `恰好`")
        }
        Rule::count_verb => ("动词（开展、进行）", "a verb (开展, 进行)"),
        Rule::count => ("次数（如 至少1次）", "a count (至少1次)"),
        Rule::periodic => (
            "周期要求（如 每年至少1次）",
            "a periodic requirement (每年至少1次)",
        ),
        Rule::du_day | Rule::du_week | Rule::du_month | Rule::du_year | Rule::dur_unit => (
            "时间单位（日、周、个月、年）",
            "a unit of time (日, 周, 个月, 年)",
        ),
        Rule::duration => ("期限（如 30日）", "a duration (30日)"),
        Rule::within => ("期限（如 30日内）", "a time limit (30日内)"),
        Rule::beforehand => ("`事先`", "`事先`"),
        Rule::param_ref => ("参数名（如 及时、定期）", "a parameter (及时, 定期)"),
        Rule::timing => (
            "时间要求（如 每年至少1次、30日内、事先、及时）",
            "timing (每年至少1次, 30日内, 事先, 及时)",
        ),
        Rule::target => ("`向 …`", "`向 …`"),
        Rule::verb => ("动词（开展、制定…）", "a verb (开展, 制定, …)"),
        Rule::mutual => ("相互", "相互 (a mutual act)"),
        Rule::require_stmt => (
            "要求（如 应当 每年至少1次 监督谈话）",
            "a requirement (应当 每年至少1次 监督谈话)",
        ),
        Rule::consequence_stmt => ("`违反`", "`违反`"),
        Rule::assign_verb => ("`分管`", "`分管`"),
        Rule::area => ("分管领域（如 财务）", "an area of work (财务)"),
        Rule::assign_stmt => (
            "分工禁止（如 不得 分管 财务）",
            "an assignment prohibition (不得 分管 财务)",
        ),
        Rule::tp_finder
        | Rule::tp_self
        | Rule::tp_kind
        | Rule::tp_actor
        | Rule::tp_target
        | Rule::tp_event
        | Rule::trigger_party => (
            "触发事件的一方（发现者、本人、函询的主体）",
            "a party of the trigger event (发现者, 本人, 函询的主体)",
        ),
        Rule::trigger_responsible_stmt => ("`责任人`", "`责任人`"),
        Rule::trigger_target => ("`向 …`", "`向 …`"),
        Rule::deadline_field | Rule::deadline_ref => (
            "`按 期限`（触发事件的日期字段）",
            "`按 期限` (a date field of the trigger event)",
        ),
        Rule::linked_require_stmt => (
            "要求（如 应当 按 期限 反馈）",
            "a requirement (应当 按 期限 反馈)",
        ),
        Rule::line | Rule::statement => ("语句", "a statement"),
    }
}

/// The keywords a statement can start with, for "did you mean" on an unknown statement.
pub(crate) const STATEMENT_KEYWORDS: &[&str] = &[
    "规则集",
    "依据",
    "生效",
    "单位类别",
    "职务",
    "事项",
    "字段",
    "参数",
    "条款",
    "原文",
    "不设规则",
    "规则",
    "对象",
    "责任人",
    "当",
    "应当",
    "必须",
    "一般",
    "可以",
    "不得",
    "违反",
];
