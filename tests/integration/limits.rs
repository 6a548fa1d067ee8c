//! The count limits (`contract_draft::limits`): a list at its limit reads, one item more
//! is refused, as too large, naming the list.

use contract_draft::limits::{
    MAX_CONTACTS, MAX_CUSTOM_FIELDS, MAX_FORM_KEYS, MAX_LIST_ITEMS, MAX_PAYMENTS, MAX_PLAN_TERMS,
    MAX_PRODUCT_LINES,
};
use contract_draft::plans::ScheduleRequest;
use contract_draft::receivables::ContractPayments;
use contract_draft::submit::ContractForm;
use contract_draft::{Bundle, CompanySettings, Converter, Error, ErrorKind};

use crate::support::fixture;

/// `count` copies of `item` (`{i}` replaced by the copy's number), comma-separated.
fn list(item: &str, count: usize) -> String {
    (0..count).map(|i| item.replace("{i}", &i.to_string())).collect::<Vec<_>>().join(",")
}

/// Reads `make(limit)` and `make(limit + 1)`: the first must read, the second must be
/// refused with `message`.
#[track_caller]
fn at_and_beyond<T>(limit: usize, make: impl Fn(usize) -> Result<T, Error>, message: &str) {
    if let Err(error) = make(limit) {
        panic!("{limit} items: {error}");
    }
    let error = make(limit + 1).err().expect("one item beyond the limit is refused");
    assert_eq!(error.to_string(), message);
}

fn bundle_with(members: &str) -> Result<Bundle, Error> {
    Bundle::from_json(
        fixture("bundle.json")
            .replacen(r#""title_pinyin""#, &format!(r#"{members}, "title_pinyin""#), 1)
            .as_bytes(),
    )
}

#[test]
fn records() {
    at_and_beyond(
        MAX_CONTACTS,
        |count| {
            let contacts = list(r#"{"id": {i}}"#, count - 2);
            let json = fixture("bundle.json").replacen(
                r#""contacts": ["#,
                &format!(r#""contacts": [{contacts},"#),
                1,
            );
            Bundle::from_json(json.as_bytes())
        },
        "customer.contacts: has more than 10000 items (the limit)",
    );
    at_and_beyond(
        MAX_PRODUCT_LINES,
        |count| {
            bundle_with(&format!(
                r#""product_assets": [{}]"#,
                list(r#"{"product_id": {i}, "recommended_unit_price": "1", "quantity": "1"}"#, count)
            ))
        },
        "opportunity.product_assets: has more than 1000 items (the limit)",
    );
    at_and_beyond(
        MAX_CUSTOM_FIELDS,
        |count| bundle_with(&list(r#""text_asset_{i}": "v""#, count)),
        "opportunity: has more than 1000 custom-field keys (the limit)",
    );
    let error = bundle_with(&list(r#""text_asset_{i}": "v""#, MAX_CUSTOM_FIELDS + 1)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InputTooLarge);
}

#[test]
fn settings() {
    let settings =
        |members: String| CompanySettings::from_json(format!(r#"{{"version": 1, {members}}}"#).as_bytes());
    at_and_beyond(
        MAX_CUSTOM_FIELDS,
        |count| {
            settings(format!(
                r#""contract_fields": [{}]"#,
                list(r#"{"key": "text_asset_{i}", "kind": "text"}"#, count)
            ))
        },
        "contract_fields: has more than 1000 items (the limit)",
    );
    at_and_beyond(
        MAX_CUSTOM_FIELDS,
        |count| {
            settings(format!(
                r#""field_mapping": [{}]"#,
                list(r#"{"from": "text_asset_{i}", "to": "text_asset_{i}"}"#, count)
            ))
        },
        "field_mapping: has more than 1000 items (the limit)",
    );
}

#[test]
fn create_requests() {
    let form =
        |members: String| ContractForm::from_json(format!(r#"{{"contract": {{{members}}}}}"#).as_bytes());
    at_and_beyond(
        MAX_FORM_KEYS,
        |count| form(list(r#""k{i}": 1"#, count)),
        "contract: has more than 1100 keys (the limit)",
    );
    let error = form(list(r#""k{i}": 1"#, MAX_FORM_KEYS + 1)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InputTooLarge);
    let attachments = |count| {
        let members = format!(
            r#""title": "T", "sn": "S", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31", "attachments_attributes": [{}]"#,
            list(r#"{"id": {i}}"#, count)
        );
        Converter::default().create_request(&form(members).unwrap())
    };
    at_and_beyond(
        MAX_LIST_ITEMS,
        attachments,
        "contract.attachments_attributes: has more than 1000 items (the limit)",
    );
}

#[test]
fn a_mapped_list_beyond_the_limit_cannot_fill_its_field() {
    let settings = r#"{"version": 1, "contract_fields": [{"key": "text_asset_1ca6ef", "kind": "multi_select"}],
        "field_mapping": [{"from": "text_asset_1ca6ef", "to": "text_asset_1ca6ef"}]}"#;
    let converter = Converter::new(&CompanySettings::from_json(settings.as_bytes()).unwrap()).unwrap();
    at_and_beyond(
        MAX_LIST_ITEMS,
        |count| {
            let bundle = bundle_with(&format!(r#""text_asset_1ca6ef": [{}]"#, list(r#""o{i}""#, count)))?;
            converter.convert_owned(bundle.opportunity, bundle.customer, bundle.user)
        },
        "opportunity.text_asset_1ca6ef: has more than 1000 items (the limit), so it cannot fill the contract field text_asset_1ca6ef",
    );
}

#[test]
fn plans_and_payments() {
    at_and_beyond(
        MAX_PLAN_TERMS,
        |count| {
            let terms = list(r#"{"percent": "0.5"}"#, count - 1);
            let json = format!(
                r#"{{"total_amount": "100", "start": "2026-01-01", "terms": [{terms}, {{"balance": true}}]}}"#
            );
            ScheduleRequest::from_json(json.as_bytes())?.schedule()
        },
        "terms: has more than 120 items (the limit)",
    );
    for key in ["received_payment_plans", "received_payments"] {
        at_and_beyond(
            MAX_PAYMENTS,
            |count| {
                let items = list(r#"{"amount": "0.01", "approve_status": "approved"}"#, count);
                let json = format!(r#"{{"total_amount": "1000", "{key}": [{items}]}}"#);
                ContractPayments::from_json(json.as_bytes())?.receivables()
            },
            &format!("{key}: has more than 10000 items (the limit)"),
        );
    }
}

#[test]
fn free_form_values_are_bounded_at_every_depth() {
    let form = |attachments: String| {
        let members = format!(
            r#""title": "T", "sn": "S", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31", "attachments_attributes": [{attachments}]"#
        );
        let form = ContractForm::from_json(format!(r#"{{"contract": {{{members}}}}}"#).as_bytes()).unwrap();
        Converter::default().create_request(&form)
    };
    at_and_beyond(
        MAX_FORM_KEYS,
        |count| form(format!("{{{}}}", list(r#""k{i}": 0"#, count))),
        "contract.attachments_attributes[0]: has more than 1100 keys (the limit)",
    );
    at_and_beyond(
        MAX_LIST_ITEMS,
        |count| form(format!(r#"{{"pages": [{}]}}"#, list("{i}", count))),
        "contract.attachments_attributes[0].pages: has more than 1000 items (the limit)",
    );
}
