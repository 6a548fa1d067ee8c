//! `--jsonl` throughput: 100 000 generated bundles (varied amounts, dates and titles)
//! through `convert_lines`, in MB/s of input, with one job and with two.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::num::NonZeroUsize;
use std::time::Duration;

use chrono::NaiveDate;
use contract_draft::Converter;
use contract_draft::lines::{LinesOptions, convert_lines};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;
use sha2::{Digest, Sha256};

const BUNDLES: usize = 100_000;

/// A small deterministic generator (xorshift64), so every run converts the same input.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// `count` bundles, one per line: the documented sample with its amount, sign date,
/// title and id varied.
fn generated(count: usize) -> Vec<u8> {
    let sample: Value = serde_json::from_slice(include_bytes!("../fixtures/bundle.json")).unwrap();
    let first_day = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    let titles = ["CRM集团版", "标准版 \"年付\"", "Enterprise <renewal> & support", "实施服务\\培训"];
    let mut numbers = Numbers(0x2545_f491_4f6c_dd1d);
    let mut lines = Vec::with_capacity(count * 2600);
    for index in 0..count {
        let mut bundle = sample.clone();
        let opportunity = &mut bundle["opportunity"];
        let cents = numbers.next() % 10_000_000_000;
        let amount = match numbers.next() % 3 {
            0 => format!("{}.0", cents / 100),
            1 => format!("{}.{}", cents / 100, cents % 100),
            _ => format!("{}", cents / 100),
        };
        opportunity["expect_amount"] = amount.into();
        let day = first_day + chrono::Days::new(numbers.next() % 5000);
        opportunity["expect_sign_date"] = day.format("%Y-%m-%d").to_string().into();
        let title = titles[index % titles.len()];
        opportunity["title"] = format!("{title} #{index}").into();
        opportunity["id"] = (1_000_000 + index).into();
        serde_json::to_writer(&mut lines, &bundle).unwrap();
        lines.push(b'\n');
    }
    lines
}

/// The SHA-256 of the output for [`generated`]`(BUNDLES)`, HTML-safe compact envelopes one
/// per line, as the program wrote it at `7357257`: however the path changes, the bytes
/// must not.
const OUTPUT_SHA256: &str = "9bddf7905ec218725f9dcec6becf72feb5c4525d44644f1b3a7d3e1d4bdc9c60";

fn jsonl(c: &mut Criterion) {
    let input = generated(BUNDLES);
    let converter = Converter::default();
    let mut output = Vec::with_capacity(input.len() * 2);
    convert_lines(&converter, &input[..], &mut output, LinesOptions::default(), |_| {}).unwrap();
    let digest = format!("{:x}", Sha256::digest(&output));
    assert_eq!(digest, OUTPUT_SHA256, "the output of {BUNDLES} bundles changed");
    drop(output);
    let mut group = c.benchmark_group("jsonl");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.sample_size(10).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(20));
    for jobs in [1, 2] {
        let mut options = LinesOptions::default();
        options.jobs = NonZeroUsize::new(jobs).unwrap();
        group.bench_function(format!("100k_bundles_jobs_{jobs}"), |b| {
            b.iter(|| {
                let summary =
                    convert_lines(&converter, &input[..], std::io::sink(), options, |_| {}).unwrap();
                assert_eq!(summary.converted, BUNDLES as u64);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, jsonl);
criterion_main!(benches);
