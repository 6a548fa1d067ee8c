//! `contract_from_opportunity` on the documented sample, against its lower bound in the
//! same run: cloning the three input records, which the draft owns copies of.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use contract_draft::{Bundle, contract_from_opportunity};
use criterion::{Criterion, criterion_group, criterion_main};

fn conversion(c: &mut Criterion) {
    let bundle = Bundle::from_json(include_bytes!("../fixtures/bundle.json")).expect("the sample reads");
    let (opportunity, customer, user) = (&bundle.opportunity, &bundle.customer, &bundle.user);
    let mut group = c.benchmark_group("conversion");
    group.bench_function("contract_from_opportunity", |b| {
        b.iter(|| contract_from_opportunity(black_box(opportunity), black_box(customer), black_box(user)));
    });
    group.bench_function("lower_bound_clone_inputs", |b| {
        b.iter(|| (black_box(opportunity).clone(), black_box(customer).clone(), black_box(user).clone()));
    });
    group.finish();
}

criterion_group!(benches, conversion);
criterion_main!(benches);
