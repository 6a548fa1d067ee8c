//! Growth: every entry point at one size and at four times it, each the largest shape
//! of its kind (at 4× the count limits of `contract_draft::limits`, where a kind has
//! one). Time per byte must stay flat from 1× to 4× (linear growth): BENCHMARKS.md
//! "Growth" has the figures.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]
// Inputs are built for clarity; their building is not measured.
#![allow(clippy::format_collect)]

use std::hint::black_box;

use contract_draft::limits::{
    MAX_CONTACTS, MAX_CUSTOM_FIELDS, MAX_PAYMENTS, MAX_PLAN_TERMS, MAX_PRODUCT_LINES,
};
use contract_draft::lines::{LinesOptions, convert_lines};
use contract_draft::plans::ScheduleRequest;
use contract_draft::receivables::ContractPayments;
use contract_draft::submit::ContractForm;
use contract_draft::{CompanySettings, Converter};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SAMPLE: &str = include_str!("../fixtures/bundle.json");

/// `count` numbered copies of `item` (`{i}` replaced by the number), comma-separated.
fn list(item: &str, count: usize) -> String {
    (0..count).map(|i| item.replace("{i}", &i.to_string())).collect::<Vec<_>>().join(",")
}

/// The sample bundle with `members` added to its opportunity.
fn bundle_with(members: &str) -> String {
    SAMPLE.replacen(r#""title_pinyin""#, &format!(r#"{members}, "title_pinyin""#), 1)
}

/// A company whose template has `count` text fields, each filled from the opportunity.
fn mapped_settings(count: usize) -> CompanySettings {
    let json = format!(
        r#"{{"version": 1, "contract_fields": [{}], "field_mapping": [{}]}}"#,
        list(r#"{"key": "text_asset_c{i}", "kind": "text"}"#, count),
        list(r#"{"from": "text_asset_o{i}", "to": "text_asset_c{i}"}"#, count)
    );
    CompanySettings::from_json(json.as_bytes()).unwrap()
}

/// Benches `run` on the input `make` gives for a quarter of `full` and for `full`.
fn at_1x_and_4x(
    c: &mut Criterion,
    name: &str,
    full: usize,
    make: impl Fn(usize) -> String,
    run: impl Fn(&[u8]),
) {
    let mut group = c.benchmark_group(format!("growth/{name}"));
    group.sample_size(10);
    for (label, size) in [("1x", full / 4), ("4x", full)] {
        let input = make(size);
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), input.as_bytes(), |b, input| {
            b.iter(|| run(black_box(input)));
        });
    }
    group.finish();
}

/// The bundle's lists and the settings.
fn records(c: &mut Criterion) {
    let plain = Converter::default();
    at_1x_and_4x(
        c,
        "bundle_contacts",
        MAX_CONTACTS - 2,
        |n| {
            let contacts = list(
                r#"{"id": {i}, "name": "联系人{i}", "address": {"id": {i}, "phone": "1380000{i}", "full_address": "中国 辽宁"}}"#,
                n,
            );
            SAMPLE.replacen(r#""contacts": ["#, &format!(r#""contacts": [{contacts},"#), 1)
        },
        |json| drop(plain.convert_json(json).unwrap()),
    );
    at_1x_and_4x(
        c,
        "bundle_product_lines",
        MAX_PRODUCT_LINES,
        |n| {
            bundle_with(&format!(
                r#""product_assets": [{}]"#,
                list(r#"{"product_id": {i}, "recommended_unit_price": "1.5", "quantity": "{i}"}"#, n)
            ))
        },
        |json| drop(plain.convert_json(json).unwrap()),
    );
    let mapped = Converter::new(&mapped_settings(MAX_CUSTOM_FIELDS / 2)).unwrap();
    at_1x_and_4x(
        c,
        "bundle_mapped_fields",
        MAX_CUSTOM_FIELDS,
        |n| bundle_with(&list(r#""text_asset_o{i}": "值{i}""#, n)),
        |json| {
            drop(mapped.convert_json(json).unwrap());
        },
    );
    at_1x_and_4x(
        c,
        "bundle_long_list",
        4 << 20,
        |bytes| bundle_with(&format!(r#""text_asset_ffffff": [{}]"#, list(r#""选项{i}""#, bytes / 12))),
        |json| drop(plain.convert_json(json).unwrap()),
    );
    at_1x_and_4x(
        c,
        "settings",
        MAX_CUSTOM_FIELDS,
        |n| {
            format!(
                r#"{{"version": 1, "contract_fields": [{}]}}"#,
                list(r#"{"key": "text_asset_{i}", "kind": "text"}"#, n)
            )
        },
        |json| drop(Converter::new(&CompanySettings::from_json(json).unwrap()).unwrap()),
    );
}

/// The create request, plans, receivables and JSON Lines.
fn requests(c: &mut Criterion) {
    let plain = Converter::default();
    let template = Converter::new(&{
        let json = format!(
            r#"{{"version": 1, "contract_fields": [{}]}}"#,
            list(r#"{"key": "text_asset_{i}", "kind": "text"}"#, MAX_CUSTOM_FIELDS)
        );
        CompanySettings::from_json(json.as_bytes()).unwrap()
    })
    .unwrap();
    at_1x_and_4x(
        c,
        "create_request_fields",
        MAX_CUSTOM_FIELDS,
        |n| {
            format!(
                r#"{{"contract": {{{}, "title": "T", "sn": "S", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31"}}}}"#,
                list(r#""text_asset_{i}": "值{i}""#, n)
            )
        },
        |json| drop(template.create_request(&ContractForm::from_json(json).unwrap()).unwrap()),
    );
    at_1x_and_4x(
        c,
        "create_request_lines",
        MAX_PRODUCT_LINES,
        |n| {
            format!(
                r#"{{"contract": {{"title": "T", "sn": "S", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31", "total_amount": "{}", "product_assets_attributes": [{}]}}}}"#,
                3 * n,
                list(
                    r#"{"product_id": 1{i}, "recommended_unit_price": "1.5", "quantity": "2", "total_price": "3.0"}"#,
                    n
                )
            )
        },
        |json| drop(plain.create_request(&ContractForm::from_json(json).unwrap()).unwrap()),
    );
    at_1x_and_4x(
        c,
        "plans",
        MAX_PLAN_TERMS,
        |n| {
            let terms = list(r#"{"percent": "0.5", "after_months": {i}}"#, n - 1);
            format!(
                r#"{{"total_amount": "100000", "start": "2026-01-31", "today": "2026-06-01", "terms": [{terms}, {{"balance": true, "after_months": 130}}]}}"#
            )
        },
        |json| drop(ScheduleRequest::from_json(json).unwrap().schedule().unwrap()),
    );
    at_1x_and_4x(
        c,
        "receivables",
        MAX_PAYMENTS,
        |n| {
            format!(
                r#"{{"total_amount": "1000000", "received_payment_plans": [{}], "received_payments": [{}]}}"#,
                list(r#"{"amount": "10.5"}"#, n),
                list(r#"{"amount": "1.25", "approve_status": "approved"}"#, n)
            )
        },
        |json| {
            black_box(ContractPayments::from_json(json).unwrap().receivables().unwrap());
        },
    );
    let line = SAMPLE.replace('\n', "");
    at_1x_and_4x(
        c,
        "json_lines",
        4000,
        |n| format!("{line}\n").repeat(n),
        |json| {
            convert_lines(&plain, json, std::io::sink(), LinesOptions::default(), |_| {}).unwrap();
        },
    );
}

criterion_group!(benches, records, requests);
criterion_main!(benches);
