//! Drives the bundle JSON entry point (`Converter::convert_json`) with the sample
//! company's settings, and writes every draft it accepts; then the same bytes as a JSON
//! Lines stream with a small line limit: any panic is a bug.

#![no_main]

use std::sync::LazyLock;

use contract_draft::{CompanySettings, Converter, Envelope, JsonStyle, Layout};
use contract_draft::lines::{LinesOptions, convert_lines};
use libfuzzer_sys::fuzz_target;

/// The sample company's converter, made once for the whole run.
static CONVERTER: LazyLock<Converter> = LazyLock::new(|| {
    let settings = CompanySettings::from_json(include_bytes!("../../fixtures/settings.json"))
        .expect("the sample settings read");
    Converter::new(&settings).expect("the sample settings are valid")
});

fuzz_target!(|data: &[u8]| {
    if let Ok(conversion) = CONVERTER.convert_json(data) {
        for layout in [Layout::Pretty, Layout::Compact] {
            let mut out = Vec::new();
            JsonStyle::new(layout, true)
                .write(&mut out, &Envelope::new(&conversion.draft))
                .expect("a draft always serializes");
        }
    }
    let mut options = LinesOptions::default();
    options.max_line_bytes = 1024;
    let mut out = Vec::new();
    let summary = convert_lines(&CONVERTER, data, &mut out, options, |_| {}).expect("memory streams never fail");
    assert_eq!(summary.lines() as usize, out.iter().filter(|&&b| b == b'\n').count(), "one envelope a line");
});
