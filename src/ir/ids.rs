//! Rule ids and labels as every output shows them.

/// A rule's id from its clause label and name: `(三).监督谈话`; a label that ends in `、`
/// (`一、`, 002's numbering) is followed by the name directly: `一、每年具体评价`.
pub fn rule_id(item: &str, name: &str) -> String {
    if item.ends_with('、') {
        format!("{item}{name}")
    } else {
        format!("{item}.{name}")
    }
}

/// The key a written rule id is matched by: folded, and `一、.名称` read as `一、名称`.
pub fn id_key(written: &str) -> String {
    crate::text::fold(written).replace("、.", "、")
}

/// A clause label or rule id with its document: `中央意见(八)`; a label that does not open with a
/// bracket gets a `·` so the name and the number stay apart (`某县篇3·2、满6年轮岗`, not
/// `某县篇32、…`).
pub fn qualify(ruleset: &str, label: &str) -> String {
    if label.starts_with(['(', '（', '〔', '[', '【']) {
        format!("{ruleset}{label}")
    } else {
        format!("{ruleset}·{label}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_qualified_labels_read_as_written() {
        assert_eq!(rule_id("(三)", "监督谈话"), "(三).监督谈话");
        assert_eq!(rule_id("一、", "每年具体评价"), "一、每年具体评价");
        assert_eq!(id_key("一、.每年具体评价"), id_key("一、每年具体评价"));
        assert_eq!(qualify("中央意见", "(八)"), "中央意见(八)");
        assert_eq!(qualify("某县篇3", "2、"), "某县篇3·2、");
    }
}
