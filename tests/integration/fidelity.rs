//! The server's bytes at every magnitude: the receivable numbers of a draft are written
//! as Rails writes the Float of each amount, checked against the table Ruby itself
//! wrote (`fixtures/ruby/floats.tsv`), and the report says when a number is not exact.

use contract_draft::{Converter, Note};
use rust_decimal::Decimal;

use crate::support::{fixture, raw_at};

/// The rows of `fixtures/ruby/floats.tsv` whose amount an opportunity can have (not
/// negative, at most 18 integer and 6 fractional digits): the amount and Ruby's JSON text
/// of its `to_f`. (The unit tests of `encoding::float` take every row.)
fn ruby_floats() -> Vec<(String, String)> {
    let storable = |amount: &Decimal| {
        let amount = amount.normalize();
        !amount.is_sign_negative() && amount.scale() <= 6 && amount < Decimal::from(10_u64.pow(18))
    };
    fixture("ruby/floats.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split_once('\t').unwrap())
        .filter(|(amount, _)| storable(&amount.parse().unwrap()))
        .map(|(amount, ruby)| (amount.to_owned(), ruby.to_owned()))
        .collect()
}

/// The sample bundle with this `expect_amount` (JSON text).
fn bundle_with_amount(amount: &str) -> Vec<u8> {
    fixture("bundle.json")
        .replacen(r#""expect_amount": "19800.0""#, &format!(r#""expect_amount": {amount}"#), 1)
        .into_bytes()
}

#[test]
fn every_amount_of_the_ruby_table_gives_rubys_bytes() {
    let rows = ruby_floats();
    assert!(rows.len() >= 60, "{} amounts", rows.len());
    for (amount, ruby) in &rows {
        for given in [format!("{amount:?}"), amount.clone()] {
            let conversion = Converter::default().convert_json(&bundle_with_amount(&given)).unwrap();
            let json = serde_json::to_string(&conversion.draft).unwrap();
            assert_eq!(raw_at(&json, "/unreceived_amount"), *ruby, "{given}");
            assert_eq!(raw_at(&json, "/unchecking_payments_amount"), *ruby, "{given}");
            assert_eq!(raw_at(&json, "/received_payments_amount"), "0.0");
        }
    }
}

/// The `InexactNumber` note is exactly the rows whose Ruby text does not give back the
/// amount: more than 15 significant digits that the nearest double does not keep.
#[test]
fn inexact_numbers_are_noted_and_exact_ones_are_not() {
    let mut noted = 0;
    for (amount, ruby) in &ruby_floats() {
        let exact: Decimal = amount.parse().unwrap();
        let conversion = Converter::default().convert_json(&bundle_with_amount(amount)).unwrap();
        let written_back: Option<Decimal> =
            ruby.parse::<f64>().ok().and_then(|f| Decimal::from_scientific(&format!("{f:e}")).ok());
        let inexact = written_back != Some(exact);
        let expected: Vec<Note> = if inexact {
            noted += 1;
            ["unreceived_amount", "unchecking_payments_amount"]
                .map(|field| Note::InexactNumber { field, exact })
                .to_vec()
        } else {
            vec![]
        };
        assert_eq!(conversion.notes, expected, "{amount} → {ruby}");
    }
    assert!(noted >= 10, "{noted} inexact rows");
}
