//! Where the end-to-end time of one bundle goes, part by part, each against the floor
//! of its kind in the same run (issue 21). Reading the documented sample bundle (compact,
//! 2 710 bytes):
//!
//! - `read/untyped`: serde_json parsing it into nothing (`IgnoredAny`);
//! - `read/derive_borrowed`: into plain `#[derive(Deserialize)]` records of the same keys
//!   whose strings borrow from the input (no allocation, no checks);
//! - `read/derive_owned`: the same records with owned `String`s;
//! - `read/bundle`: `Bundle::from_json`, the crate's records (dates, amounts and
//!   coordinates read exactly, types refused, keys given twice refused, limits).
//!
//! Then `convert/records` (the checked conversion of records already read) and
//! `write/draft_api` (the draft as the API writes it, compact and HTML-safe) against
//! `write/copy` (copying that many bytes).

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::borrow::Cow;
use std::hint::black_box;

use contract_draft::{Bundle, Converter, Envelope, JsonStyle};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

/// The records as a `#[derive(Deserialize)]` would read them, each string `S`
/// (`Cow<str>` borrowing where the input has no escape, or `String`). Only read, for
/// their cost.
mod model {
    #![allow(dead_code)]
    // The keys are the API's.
    #![allow(clippy::struct_field_names)]

    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Bundle<S> {
        pub opportunity: Opportunity<S>,
        pub customer: Customer<S>,
        pub user: User<S>,
    }

    #[derive(Deserialize)]
    pub struct User<S> {
        id: u64,
        email: S,
        created_at: S,
        name: S,
        organization_id: u64,
        phone: S,
        role_id: u64,
        workflow_state: S,
        job: S,
        tel: S,
        avatar_url: S,
        department_name: S,
    }

    #[derive(Deserialize)]
    pub struct Opportunity<S> {
        id: u64,
        title: S,
        title_pinyin: S,
        user_id: u64,
        user_name: S,
        expect_amount: S,
        sign_possibility: S,
        get_time: S,
        stage: S,
        stage_mapped: S,
        expect_sign_date: S,
        customer_requirement: S,
        source: S,
        source_mapped: S,
        kind: S,
        kind_mapped: S,
        customer_id: u64,
        customer_name: S,
        is_own: bool,
        is_my_assist_entity: bool,
        created_at: S,
        creator: User<S>,
        is_user_self: bool,
    }

    #[derive(Deserialize)]
    pub struct Customer<S> {
        id: u64,
        name: S,
        name_pinyin: S,
        user_id: u64,
        user_name: S,
        contacts: Vec<Contact<S>>,
        company_name: S,
        address: Address<S>,
        revisit_at: S,
        is_own: bool,
        status: S,
        status_mapped: S,
        category: S,
        category_mapped: S,
        qixinbao_id: S,
        created_at: S,
        updated_at: S,
        creator: User<S>,
        is_user_self: bool,
        approve_status: S,
        approve_status_i18n: S,
    }

    #[derive(Deserialize)]
    pub struct Contact<S> {
        id: u64,
        name: S,
        address: Address<S>,
    }

    #[derive(Deserialize)]
    pub struct Address<S> {
        id: u64,
        tel: S,
        tel_hidden_result: S,
        phone: S,
        phone_hidden_result: S,
        qq: S,
        email: S,
        lng: f64,
        lat: f64,
        detail_address: S,
        off_distance: f64,
        url: S,
        gaode_staticmap: S,
        full_address: S,
    }
}

/// A string borrowed from the input where it has no escape (only read, for its cost).
#[derive(Deserialize)]
#[allow(dead_code)]
struct Borrowed<'a>(#[serde(borrow)] Cow<'a, str>);

fn floors(c: &mut Criterion) {
    let value: Value = serde_json::from_slice(include_bytes!("../fixtures/bundle.json")).unwrap();
    let json = serde_json::to_vec(&value).unwrap();
    let text = std::str::from_utf8(&json).unwrap();
    let converter = Converter::default();
    let bundle = Bundle::from_json(&json).unwrap();
    let draft = converter.convert_json(&json).unwrap().draft;
    let written = Envelope::new(&draft).to_json().unwrap();
    let mut out = Vec::with_capacity(written.len());

    let mut group = c.benchmark_group("read");
    group.bench_function("untyped", |b| {
        b.iter(|| serde_json::from_str::<IgnoredAny>(black_box(text)).unwrap());
    });
    group.bench_function("derive_borrowed", |b| {
        b.iter(|| serde_json::from_str::<model::Bundle<Borrowed<'_>>>(black_box(text)).unwrap());
    });
    group.bench_function("derive_owned", |b| {
        b.iter(|| serde_json::from_str::<model::Bundle<String>>(black_box(text)).unwrap());
    });
    group.bench_function("bundle", |b| b.iter(|| Bundle::from_json(black_box(&json)).unwrap()));
    group.finish();

    let mut group = c.benchmark_group("convert");
    group.bench_function("records", |b| {
        b.iter(|| converter.convert(black_box(&bundle.opportunity), &bundle.customer, &bundle.user).unwrap());
    });
    group.finish();

    let mut group = c.benchmark_group("write");
    group.bench_function("draft_api", |b| {
        b.iter(|| {
            out.clear();
            JsonStyle::API.append(&mut out, &Envelope::new(black_box(&draft))).unwrap();
        });
    });
    group.bench_function("copy", |b| {
        b.iter(|| {
            out.clear();
            out.extend_from_slice(black_box(&written));
        });
    });
    group.finish();
}

criterion_group!(benches, floors);
criterion_main!(benches);
