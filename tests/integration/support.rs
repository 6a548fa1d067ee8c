//! Fixtures and helpers shared by the integration tests.

use contract_draft::{Bundle, CompanySettings, Converter, Customer, Opportunity, User};

/// Reads a file of `fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The documented sample's three records.
pub fn sample_bundle() -> Bundle {
    Bundle::from_json(fixture("bundle.json").as_bytes()).expect("the sample bundle reads")
}

/// The documented sample's records, one by one from their own fixtures.
pub fn sample_records() -> (Opportunity, Customer, User) {
    let read = |name| fixture(name);
    (
        serde_json::from_str(&read("opportunity.json")).expect("opportunity.json reads"),
        serde_json::from_str(&read("customer.json")).expect("customer.json reads"),
        serde_json::from_str(&read("user.json")).expect("user.json reads"),
    )
}

/// A converter with the sample company's settings.
pub fn sample_converter() -> Converter {
    let settings = CompanySettings::from_json(fixture("settings.json").as_bytes()).expect("settings read");
    Converter::new(&settings).expect("the sample settings are valid")
}
