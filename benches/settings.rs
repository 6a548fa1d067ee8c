//! Company settings at scale: loading a 50 000-field template (reading the JSON and
//! compiling it), against reading the same JSON untyped in the same run; and filling
//! 10 000 mapped fields from an opportunity with 100 000 custom keys, against reading
//! that opportunity alone. Both must grow with the number of fields and keys, not their
//! product.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]
// Inputs are built for clarity; their building is not measured.
#![allow(clippy::format_collect)]

use std::hint::black_box;

use contract_draft::{Bundle, CompanySettings, Converter};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::de::IgnoredAny;

/// A template of `fields` text fields, each filled from its own opportunity field.
fn settings(fields: usize) -> String {
    let template: Vec<String> =
        (0..fields).map(|index| format!(r#"{{"key": "text_asset_c{index:06x}", "kind": "text"}}"#)).collect();
    let mapping: Vec<String> = (0..fields)
        .map(|index| format!(r#"{{"from": "text_asset_o{index:06x}", "to": "text_asset_c{index:06x}"}}"#))
        .collect();
    format!(
        r#"{{"version": 1, "contract_fields": [{}], "field_mapping": [{}]}}"#,
        template.join(","),
        mapping.join(",")
    )
}

/// The sample bundle whose opportunity has `keys` custom values.
fn bundle(keys: usize) -> Vec<u8> {
    let values: String =
        (0..keys).map(|index| format!(r#""text_asset_o{index:06x}": "v{index}", "#)).collect();
    let sample = std::str::from_utf8(include_bytes!("../fixtures/bundle.json")).unwrap();
    sample.replacen("\"title_pinyin\"", &format!("{values}\"title_pinyin\""), 1).into_bytes()
}

fn settings_group(c: &mut Criterion) {
    let mut group = c.benchmark_group("settings");
    group.sample_size(10);
    let large = settings(50_000);
    group.bench_function("load_50000_fields", |b| {
        b.iter(|| Converter::new(&CompanySettings::from_json(black_box(large.as_bytes())).unwrap()).unwrap());
    });
    group.bench_function("lower_bound_read_untyped_50000_fields", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(large.as_bytes())).unwrap());
    });
    let converter =
        Converter::new(&CompanySettings::from_json(settings(10_000).as_bytes()).unwrap()).unwrap();
    let bundle = bundle(100_000);
    group.bench_function("fill_10000_fields_from_100000_keys", |b| {
        b.iter(|| converter.convert_json(black_box(&bundle)).unwrap());
    });
    group.bench_function("lower_bound_read_100000_keys", |b| {
        b.iter(|| Bundle::from_json(black_box(&bundle)).unwrap());
    });
    group.finish();
}

criterion_group!(benches, settings_group);
criterion_main!(benches);
