//! Fixtures and helpers shared by the library's and the program's integration tests
//! (each test binary uses some of them).
#![allow(dead_code)]

use contract_draft::{Bundle, CompanySettings, Converter, Customer, Opportunity, User};

/// The path of a file of the repository's `fixtures/`, from either package.
pub fn fixture_path(name: &str) -> String {
    let package = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let top = package
        .ancestors()
        .find(|dir| dir.join("fixtures").is_dir())
        .expect("fixtures/ is above the package");
    top.join("fixtures").join(name).display().to_string()
}

/// Reads a file of `fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = fixture_path(name);
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

/// The JSON text of the value at `pointer` (`/customer/address/lat`) in `json`, exactly as
/// written there: numbers keep their text (`1.0e+15`), so tests compare what is shipped.
pub fn raw_at(json: &str, pointer: &str) -> String {
    use serde_json::value::RawValue;
    let mut text = json.to_owned();
    for step in pointer.split('/').skip(1) {
        let next: Option<Box<RawValue>> = if let Ok(index) = step.parse::<usize>() {
            serde_json::from_str::<Vec<Box<RawValue>>>(&text).unwrap().into_iter().nth(index)
        } else {
            let mut members: std::collections::HashMap<String, Box<RawValue>> =
                serde_json::from_str(&text).unwrap_or_else(|error| panic!("{pointer}: {error}"));
            members.remove(step)
        };
        next.unwrap_or_else(|| panic!("no {step} in {pointer}")).get().clone_into(&mut text);
    }
    text
}

/// `json` without the whitespace between its tokens, keys in their order: the compact
/// form serde_json writes, without reading the text into a `serde_json::Value` (which
/// would sort the keys).
pub fn compact(json: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::with_capacity(json.len()), false, false);
    for c in json.chars() {
        if in_string {
            (escaped, in_string) = (!escaped && c == '\\', escaped || c != '"');
        } else if c.is_ascii_whitespace() {
            continue;
        } else {
            in_string = c == '"';
        }
        out.push(c);
    }
    out
}

/// `count` good lines of the sample, titled after their line number, but for the
/// `broken` ones.
pub fn lines_broken_at(count: usize, broken: &[usize]) -> String {
    let sample = fixture("bundle.json").replace('\n', "");
    (1..=count)
        .map(|number| {
            if broken.contains(&number) {
                "{\"opportunity\": {}}\n".to_owned()
            } else {
                sample.replacen("CRM集团版", &format!("line {number}"), 1) + "\n"
            }
        })
        .collect()
}

/// `count` lines of the sample titled after their line number, every seventh broken.
pub fn lines_every_seventh_broken(count: usize) -> String {
    let broken: Vec<usize> = (7..=count).step_by(7).collect();
    lines_broken_at(count, &broken)
}
