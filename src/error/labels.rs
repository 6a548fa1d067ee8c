//! The names a person reads for the create request's parameters: the labels of ikcrm's
//! contract-create page (`sn` is 合同编号, a line's `quantity` 数量), used where a Chinese
//! message names a field.

/// The labels of a contract's keys, as the create page lists them.
const CONTRACT: [(&str, &str); 20] = [
    ("title", "合同标题"),
    ("sn", "合同编号"),
    ("approve_status", "合同审批状态"),
    ("user_id", "负责人"),
    ("custom_field_template_id", "合同业务类型"),
    ("opportunity_id", "商机"),
    ("customer_id", "客户"),
    ("total_amount", "总金额"),
    ("start_at", "开始时间"),
    ("end_at", "结束时间"),
    ("category", "类别"),
    ("payment_type", "付款方式"),
    ("customer_signer", "客户签约人"),
    ("our_signer", "我方签约人"),
    ("sign_date", "签约日期"),
    ("status", "合同状态"),
    ("special_terms", "特别条款"),
    ("want_department_id", "所属部门"),
    ("attachments_attributes", "附件"),
    ("product_assets_attributes", "关联产品"),
];

/// The labels of a product line's keys, as the create page lists them.
const LINE: [(&str, &str); 10] = [
    ("product_name", "产品名称"),
    ("product_attr_id", "产品属性"),
    ("product_id", "产品"),
    ("product_no", "产品编号"),
    ("quantity", "数量"),
    ("recommended_unit_price", "售卖单价"),
    ("remark", "备注"),
    ("sale_unit", "单位"),
    ("total_price", "总价"),
    ("spec", "规格"),
];

/// The records a path can start with, by the name a person reads.
const ENTITIES: [(&str, &str); 4] =
    [("contract", "合同"), ("opportunity", "商机"), ("customer", "客户"), ("user", "用户")];

fn label(table: &[(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(known, _)| *known == key).map(|(_, label)| *label)
}

/// The parameter a path names, as a person reads it: the create page's label for a
/// contract's key (`contract.sn` → `合同编号`) or a product line's
/// (`contract.product_assets_attributes[1].quantity` → `关联产品[1].数量`); any other
/// path as it is (a record's field, a custom field: their labels are the company's).
pub(crate) fn parameter(path: &str) -> String {
    let Some(rest) = path.strip_prefix("contract.") else { return path.to_owned() };
    let (key, tail) = rest.split_at(rest.find(['[', '.']).unwrap_or(rest.len()));
    let Some(key_label) = label(&CONTRACT, key) else { return path.to_owned() };
    if tail.is_empty() {
        return key_label.to_owned();
    }
    if key == "product_assets_attributes" {
        if let Some((index, line_key)) = tail.split_once("].") {
            if let Some(line_label) = label(&LINE, line_key) {
                return format!("{key_label}{index}].{line_label}");
            }
        }
    }
    format!("{key_label}{tail}")
}

/// The record a path is about, as a person reads it (`contract.sn` → `合同`), for the
/// duplicate message; `记录` ("record") for a path of no known record.
pub(crate) fn entity(path: &str) -> &'static str {
    let root = &path[..path.find(['[', '.']).unwrap_or(path.len())];
    label(&ENTITIES, root).unwrap_or("记录")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_keys_and_line_keys_read_as_the_create_page_labels_them() {
        assert_eq!(parameter("contract.sn"), "合同编号");
        assert_eq!(parameter("contract.end_at"), "结束时间");
        assert_eq!(parameter("contract.product_assets_attributes"), "关联产品");
        assert_eq!(parameter("contract.product_assets_attributes[2].quantity"), "关联产品[2].数量");
        assert_eq!(parameter("contract.product_assets_attributes[0].product_id"), "关联产品[0].产品");
        assert_eq!(parameter("contract.product_assets_attributes[0].colour"), "关联产品[0].colour");
        assert_eq!(parameter("contract.attachments_attributes[3]"), "附件[3]");
        assert_eq!(parameter("contract.text_asset_1ca6ef"), "contract.text_asset_1ca6ef");
        assert_eq!(parameter("opportunity.title"), "opportunity.title");
        assert_eq!(parameter("device"), "device");
        assert_eq!(parameter(""), "");
    }

    #[test]
    fn paths_name_their_record() {
        assert_eq!(entity("contract.sn"), "合同");
        assert_eq!(entity("opportunity"), "商机");
        assert_eq!(entity("customer.contacts[0].id"), "客户");
        assert_eq!(entity("user.id"), "用户");
        assert_eq!(entity("lead.id"), "记录");
    }
}
