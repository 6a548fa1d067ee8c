//! The documented response, reproduced byte for byte from its inputs.

use contract_draft::{Envelope, contract_from_opportunity};

use crate::support::{fixture, sample_bundle, sample_converter, sample_records};

#[test]
fn sample_gives_the_documented_response_pretty_and_compact() {
    let (opportunity, customer, user) = sample_records();
    let draft = sample_converter().convert_unchecked(&opportunity, &customer, &user);
    let envelope = Envelope::new(&draft);
    let pretty = serde_json::to_string_pretty(&envelope).unwrap() + "\n";
    let compact = serde_json::to_string(&envelope).unwrap() + "\n";
    assert_eq!(pretty, fixture("response.json"));
    assert_eq!(compact, fixture("response.compact.json"));
}

#[test]
fn the_bundle_fixture_holds_the_three_record_fixtures() {
    let bundle = sample_bundle();
    assert_eq!((bundle.opportunity, bundle.customer, bundle.user), sample_records());
}

#[test]
fn without_settings_the_response_lacks_only_the_custom_fields() {
    let bundle = sample_bundle();
    let draft = contract_from_opportunity(&bundle.opportunity, &bundle.customer, &bundle.user);
    let pretty = serde_json::to_string_pretty(&Envelope::new(&draft)).unwrap() + "\n";
    // The documented text minus its six custom-field lines, the comma before them moved.
    let documented = fixture("response.json");
    let lines: Vec<&str> = documented.lines().filter(|line| !line.contains("_asset_")).collect();
    assert_eq!(lines.len() + 6, documented.lines().count());
    let expected =
        lines.join("\n").replace("\"custom_field_template\": {},", "\"custom_field_template\": {}") + "\n";
    assert_eq!(pretty, expected);
}
