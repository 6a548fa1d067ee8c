//! The service's tests: records built in Rust equal the JSON path, errors map to the
//! API's statuses, and the conversion holds for any generated bundle.

// Ids are written as the documented sample writes them.
#![allow(clippy::unreadable_literal)]

use contract_draft::strategy;
use contract_draft::{Bundle, Converter};
use downstream_service::{OpportunityRow, records_of, serve};
use proptest::prelude::*;

fn row() -> OpportunityRow {
    OpportunityRow {
        id: 576543,
        title: "CRM集团版".into(),
        amount_cents: 1_980_000,
        customer: (23481906, "向导".into()),
        user: (364513, "个比唠忘".into(), 49),
    }
}

#[test]
fn records_built_in_rust_round_trip_and_convert_as_their_json() {
    let bundle = records_of(&row()).unwrap();
    let json = bundle.to_json();
    assert_eq!(Bundle::from_json(&json).unwrap(), bundle);
    let converter = Converter::default();
    let from_json = converter.convert_json(&json).unwrap();
    let owned = converter.convert_owned(bundle.opportunity, bundle.customer, bundle.user).unwrap();
    assert_eq!(from_json.draft, owned.draft);
    assert_eq!(owned.draft.total_amount.to_string(), "19800");
}

#[test]
fn errors_map_to_the_api_statuses() {
    let converter = Converter::default();
    let (status, body) = serve(&converter, &records_of(&row()).unwrap().to_json());
    assert_eq!(status, 200);
    assert!(body.starts_with(br#"{"code":0,"data":{"id":0,"#));
    assert_eq!(serve(&converter, b"{").0, 400);
    assert_eq!(serve(&converter, br#"{"opportunity": {}}"#).0, 422);
    let mut other_company = records_of(&row()).unwrap();
    other_company.customer.organization_id = Some(50);
    let (status, body) = serve(&converter, &other_company.to_json());
    assert_eq!(status, 404);
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("record_not_found") && !body.contains("50"), "{body}");
}

proptest! {
    #[test]
    fn any_bundle_round_trips_and_converts_the_same_both_ways(bundle in strategy::bundle()) {
        let json = bundle.to_json();
        prop_assert_eq!(&Bundle::from_json(&json).unwrap(), &bundle);
        let converter = Converter::default();
        let from_json = converter.convert_json(&json).unwrap();
        let owned = converter.convert_owned(bundle.opportunity, bundle.customer, bundle.user).unwrap();
        prop_assert_eq!(from_json.draft, owned.draft);
    }
}
