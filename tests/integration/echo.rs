//! The echo rule on every entry point: no message (an error's `Display`, its envelope's
//! message in either language, a note) writes a control character or a bidirectional
//! override as itself, or more than 64 characters of any input, whatever the input's
//! keys and values hold.

use contract_draft::{
    CompanySettings, ContractForm, ContractPayments, Converter, Error, ErrorEnvelope, Language, LinesOptions,
    ScheduleRequest, convert_lines,
};
use proptest::prelude::*;

use crate::support::fixture;

/// What a message must never write as itself.
fn acts_on_a_terminal(c: char) -> bool {
    c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text with at least one hostile character, and sometimes longer than the echo limit.
fn hostile() -> impl Strategy<Value = String> {
    "[a-z]{0,3}[\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}][a-z\u{1b}\u{7}]{0,90}"
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Checks every message an error gives.
fn check_error(error: &Error) -> Result<(), TestCaseError> {
    let messages = [
        error.to_string(),
        ErrorEnvelope::new(error, Language::English).message,
        ErrorEnvelope::new(error, Language::Chinese).message,
    ];
    for message in messages {
        check_message(&message)?;
    }
    Ok(())
}

fn check_message(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(!message.chars().any(acts_on_a_terminal), "{:?}", message);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_message_writes_a_hostile_character(text in hostile()) {
        let bundle = fixture("bundle.json");
        let key = format!("text_asset_{text}");
        // A bundle: a hostile value, a hostile custom key (a note), a hostile record key.
        let inputs = [
            bundle.replacen(r#""expect_sign_date": "2015-09-09""#, &format!(r#""expect_sign_date": {}"#, json(&text)), 1),
            bundle.replacen(r#""title_pinyin""#, &format!(r#"{}: "1", "title_pinyin""#, json(&key)), 1),
            bundle.replacen(r#""title_pinyin""#, &format!(r#"{}: "1", {}: "2", "title_pinyin""#, json(&key), json(&key)), 1),
        ];
        for input in &inputs {
            match Converter::default().convert_json(input.as_bytes()) {
                Ok(conversion) => {
                    for note in &conversion.notes {
                        check_message(&note.to_string())?;
                    }
                }
                Err(error) => check_error(&error)?,
            }
        }
        // Settings: a hostile key and a hostile field key.
        for settings in [
            format!(r#"{{"version": 1, {}: 1}}"#, json(&text)),
            format!(r#"{{"version": 1, "contract_fields": [{{"key": {}, "kind": "text"}}]}}"#, json(&key)),
        ] {
            let error = CompanySettings::from_json(settings.as_bytes()).and_then(|s| Converter::new(&s).map(drop));
            check_error(&error.unwrap_err())?;
        }
        // The create request: hostile keys in the contract, in a line, beside it.
        let form = format!(
            r#"{{"contract": {{{}: 1, {}: 2, "product_assets_attributes": [{{{}: 3}}]}}, {}: 4}}"#,
            json(&text), json(&key), json(&text), json(&format!("x{text}"))
        );
        let form = ContractForm::from_json(form.as_bytes()).unwrap();
        check_error(&Converter::default().create_request(&form).unwrap_err())?;
        // Receivables and plans: hostile values and keys.
        let payments = format!(r#"{{"total_amount": "1", "received_payments": [{{"amount": "1", "approve_status": {}}}]}}"#, json(&text));
        check_error(&ContractPayments::from_json(payments.as_bytes()).unwrap_err())?;
        let plans = format!(r#"{{"total_amount": "1", "start": "2026-01-01", {}: 1, "terms": []}}"#, json(&text));
        check_error(&ScheduleRequest::from_json(plans.as_bytes()).unwrap_err())?;
        // JSON Lines: the envelope of a hostile line.
        let mut output = Vec::new();
        let line = inputs[0].replace('\n', "");
        convert_lines(&Converter::default(), format!("{line}\n").as_bytes(), &mut output, LinesOptions::default(), |_| {}).unwrap();
        let envelope: serde_json::Value = serde_json::from_slice(&output).unwrap();
        check_message(envelope["message"].as_str().unwrap())?;
    }
}
