//! The ruleset's declarations: unit kinds, roles, event kinds and their fields.

use crate::span::Span;

/// A declared name: the folded key used for matching and the spelling as written.
#[derive(Clone, Debug)]
pub struct Name {
    /// Folded key (`监督谈话` for `監督談話`).
    pub key: String,
    /// As written in the rule file.
    pub display: String,
    /// Where it was declared.
    pub span: Span,
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.key == other.key
    }
}

/// The vocabulary a ruleset declares; fact files are held to it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vocabulary {
    /// 单位类别: 党委, 纪委, 组织部 …
    pub unit_kinds: Vec<Name>,
    /// 职务: 一把手, 班子成员 …
    pub roles: Vec<RoleDecl>,
    /// 事项: event kinds with their extra fields.
    pub events: Vec<EventDecl>,
}

impl Vocabulary {
    /// The role with folded key `key`.
    pub fn role(&self, key: &str) -> Option<&RoleDecl> {
        self.roles.iter().find(|r| r.name.key == key)
    }

    /// The event kind with folded key `key`.
    pub fn event(&self, key: &str) -> Option<&EventDecl> {
        self.events.iter().find(|e| e.name.key == key)
    }

    /// The unit kind with folded key `key`.
    pub fn unit_kind(&self, key: &str) -> Option<&Name> {
        self.unit_kinds.iter().find(|k| k.key == key)
    }
}

/// A declared 职务.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleDecl {
    /// The name.
    pub name: Name,
    /// 唯一: the post has one holder at a time (overlapping tenures are a fact error).
    pub sole: bool,
}

/// A declared 事项 (event kind).
#[derive(Clone, Debug, PartialEq)]
pub struct EventDecl {
    /// The name.
    pub name: Name,
    /// Its extra fields.
    pub fields: Vec<FieldDecl>,
}

impl EventDecl {
    /// The field with folded key `key`.
    pub fn field(&self, key: &str) -> Option<&FieldDecl> {
        self.fields.iter().find(|f| f.name.key == key)
    }
}

/// An extra field of an event kind.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// The name (the column header in 事件.csv).
    pub name: Name,
    /// Its type.
    pub ty: FieldType,
}

/// The type of an extra event field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// 文本
    Text,
    /// 是否 (是/否, true/false, 1/0)
    Bool,
    /// 数字
    Number,
    /// 日期
    Date,
    /// 选项（…）: one of a list (folded keys).
    OneOf(Vec<String>),
    /// 人员: a person id.
    Person,
    /// 单位: a unit id.
    Unit,
    /// 事件: an event id.
    Event,
}
