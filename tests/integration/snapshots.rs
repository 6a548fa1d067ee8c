//! Snapshots of the shipped JSON text for variations of the documented sample.

use contract_draft::{Amount, Bundle, Envelope, contract_from_opportunity};

use crate::support::{fixture, sample_bundle};

/// The pretty envelope for the sample with `change` applied to its opportunity.
fn shipped(change: impl FnOnce(&mut contract_draft::Opportunity)) -> String {
    let mut bundle = sample_bundle();
    change(&mut bundle.opportunity);
    let draft = contract_from_opportunity(&bundle.opportunity, &bundle.customer, &bundle.user);
    serde_json::to_string_pretty(&Envelope::new(&draft)).unwrap()
}

fn amount(text: &str) -> Amount {
    text.parse().unwrap()
}

#[test]
fn no_expected_sign_date() {
    insta::assert_snapshot!(shipped(|o| o.expect_sign_date = None));
}

#[test]
fn amount_with_cents() {
    insta::assert_snapshot!(shipped(|o| o.expect_amount = amount("19800.5")));
}

#[test]
fn whole_amount_without_fraction() {
    let sample = fixture("bundle.json");
    let json = sample.replace(r#""expect_amount": "19800.0""#, r#""expect_amount": "19800""#);
    assert_ne!(json, sample);
    let read = Bundle::from_json(json.as_bytes()).unwrap().opportunity;
    insta::assert_snapshot!(shipped(|o| *o = read));
}

#[test]
fn large_amount() {
    insta::assert_snapshot!(shipped(|o| o.expect_amount = amount("123456789012.34")));
}

#[test]
fn title_that_needs_escaping() {
    insta::assert_snapshot!(shipped(|o| o.title = "CRM \"集团版\" C:\\path\nsecond line".into()));
}
