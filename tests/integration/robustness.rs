//! Never a panic: the bundle JSON entry point with mutated versions of the sample.

use contract_draft::{Converter, Envelope, JsonStyle};
use proptest::prelude::*;

use crate::support::fixture;

/// One edit of a JSON text.
#[derive(Debug, Clone)]
enum Edit {
    /// Overwrite the byte at a position.
    Replace(usize, u8),
    /// Insert a fragment at a position.
    Insert(usize, &'static str),
    /// Remove a run of bytes.
    Remove(usize, usize),
}

/// Fragments that turn valid values into the near-misses real input has.
const FRAGMENTS: &[&str] = &[
    "null",
    "\"\"",
    "-",
    "0",
    "1e400",
    "\"NaN\"",
    "[]",
    "{}",
    "\"2015-02-30\"",
    "99999999999999999999",
    ".",
    ",",
    "\"",
    "\\u0000",
    "\\ud800",
    "集",
    "\u{2028}",
    "%",
    ":",
    "1e15",
    "2.0e17",
    "0.30000000000000001",
    "1e-400",
    "\u{feff}",
    "t",
    "z",
    "+24:00",
    "\"9999-12-31T23:59:59-12:00\"",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "\"text_asset_x\": 1, ",
    "\"organization_id\": 50, ",
    "\"creator\": null, ",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Replace(at, byte)),
        (any::<usize>(), proptest::sample::select(FRAGMENTS)).prop_map(|(at, text)| Edit::Insert(at, text)),
        (any::<usize>(), 1_usize..16).prop_map(|(at, len)| Edit::Remove(at, len)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len().max(1);
        match *edit {
            Edit::Replace(at, byte) if !bytes.is_empty() => bytes[at % len] = byte,
            Edit::Insert(at, text) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, text.bytes());
            }
            Edit::Remove(at, count) if !bytes.is_empty() => {
                let at = at % len;
                bytes.drain(at..(at + count).min(bytes.len()));
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn mutated_bundles_never_panic(edits in proptest::collection::vec(edit(), 1..6)) {
        let input = apply(fixture("bundle.json").into_bytes(), &edits);
        match Converter::default().convert_json(&input) {
            Ok(conversion) => {
                let mut out = Vec::new();
                JsonStyle::DOCUMENTED.write(&mut out, &Envelope::new(&conversion.draft)).unwrap();
            }
            Err(error) => {
                // A documented code, and a message that starts with the field's path.
                prop_assert!([100_000, 100_100].contains(&error.kind().code()), "{}", error);
                prop_assert!(error.to_string().starts_with(error.path()));
                prop_assert!(!error.detail().is_empty());
                // Bounded echo: the detail never repeats a long stretch of the input.
                prop_assert!(error.detail().chars().count() <= 400, "{}", error);
            }
        }
    }
}
