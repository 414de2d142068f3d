//! Wording shared by the renderers and `explain`: ratios, arithmetic, trigger names.

use crate::eval::{Detail, Instance};
use crate::ir::{self, Trigger};

/// `10%` for (10, 100); `1/3` otherwise.
pub fn ratio(num: u64, den: u64) -> String {
    if den == 100 {
        format!("{num}%")
    } else {
        format!("{num}/{den}")
    }
}

/// The arithmetic of a ratio instance: `⌈10% × 37⌉ = 4`.
pub fn arithmetic(i: &Instance) -> Option<String> {
    match &i.detail {
        Some(Detail::Ratio {
            num,
            den,
            population,
            need,
            ..
        }) => Some(format!(
            "⌈{} × {}⌉ = {need}",
            ratio(*num, *den),
            population.len()
        )),
        _ => None,
    }
}

/// The display name of a trigger, given how to show an event kind.
pub fn trigger_name(t: &Trigger, event: impl Fn(&str) -> String) -> String {
    match t {
        Trigger::TenureStart => "任职开始".into(),
        Trigger::TenureEnd => "任职结束".into(),
        Trigger::TenureYears(n) => format!("任职满{n}年"),
        Trigger::Event(k) => event(k),
        Trigger::Consecutive { k, event: e, cond } => match cond {
            Some(c) => format!("连续{k}次{}（{}）", event(e), c.text),
            None => format!("连续{k}次{}", event(e)),
        },
        Trigger::Violation(id) => format!("违反 {id}"),
    }
}

/// The population basis in words.
pub fn basis_zh(b: ir::PopulationBasis) -> &'static str {
    match b {
        ir::PopulationBasis::Start => "期初在任者",
        ir::PopulationBasis::End => "期末在任者",
        ir::PopulationBasis::Any => "期间任一时点在任者",
    }
}
