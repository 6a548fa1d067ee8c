//! The echo rule on every entry point: no message (an error's `Display`, its envelope's
//! message in either language, a note) writes a control character or a bidirectional
//! override as itself, or more than 64 characters of any input, whatever the input's
//! keys and values hold.

use contract_draft::lines::{LinesOptions, convert_lines};
use contract_draft::plans::ScheduleRequest;
use contract_draft::receivables::ContractPayments;
use contract_draft::submit::ContractForm;
use contract_draft::{CompanySettings, Converter, Error, ErrorEnvelope, Language};
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

/// Every message an error gives: its `Display`, its envelope's in both languages.
fn messages_of_error(error: &Error, messages: &mut Vec<String>) {
    messages.push(error.to_string());
    messages.push(ErrorEnvelope::new(error, Language::English).message);
    messages.push(ErrorEnvelope::new(error, Language::Chinese).message);
}

/// Every message every entry point gives for inputs holding `text` as a key and as a
/// value: notes, errors and their envelopes, a JSON Lines failure's envelope.
fn messages_for(text: &str) -> Vec<String> {
    let mut messages = Vec::new();
    let bundle = fixture("bundle.json");
    let key = format!("text_asset_{text}");
    // A bundle: a bad value, an unmapped custom key (a note), a record key given twice.
    let inputs = [
        bundle.replacen(
            r#""expect_sign_date": "2015-09-09""#,
            &format!(r#""expect_sign_date": {}"#, json(text)),
            1,
        ),
        bundle.replacen(r#""title_pinyin""#, &format!(r#"{}: "1", "title_pinyin""#, json(&key)), 1),
        bundle.replacen(
            r#""title_pinyin""#,
            &format!(r#"{}: "1", {}: "2", "title_pinyin""#, json(&key), json(&key)),
            1,
        ),
    ];
    for input in &inputs {
        match Converter::default().convert_json(input.as_bytes()) {
            Ok(conversion) => messages.extend(conversion.notes.iter().map(ToString::to_string)),
            Err(error) => messages_of_error(&error, &mut messages),
        }
    }
    // Settings: an unknown key and a field's key.
    for settings in [
        format!(r#"{{"version": 1, {}: 1}}"#, json(text)),
        format!(r#"{{"version": 1, "contract_fields": [{{"key": {}, "kind": "text"}}]}}"#, json(&key)),
    ] {
        let error =
            CompanySettings::from_json(settings.as_bytes()).and_then(|s| Converter::new(&s).map(drop));
        messages_of_error(&error.unwrap_err(), &mut messages);
    }
    // The create request: keys in the contract, in a line, beside it.
    let form = format!(
        r#"{{"contract": {{{}: 1, {}: 2, "product_assets_attributes": [{{{}: 3}}]}}, {}: 4}}"#,
        json(text),
        json(&key),
        json(text),
        json(&format!("x{text}"))
    );
    let form = ContractForm::from_json(form.as_bytes()).unwrap();
    messages_of_error(&Converter::default().create_request(&form).unwrap_err(), &mut messages);
    // Receivables and plans: a value and a key.
    let payments = format!(
        r#"{{"total_amount": "1", "received_payments": [{{"amount": "1", "approve_status": {}}}]}}"#,
        json(text)
    );
    messages_of_error(&ContractPayments::from_json(payments.as_bytes()).unwrap_err(), &mut messages);
    let plans = format!(r#"{{"total_amount": "1", "start": "2026-01-01", {}: 1, "terms": []}}"#, json(text));
    messages_of_error(&ScheduleRequest::from_json(plans.as_bytes()).unwrap_err(), &mut messages);
    // JSON Lines: the envelope of a failing line.
    let mut output = Vec::new();
    let line = inputs[0].replace('\n', "");
    let options = LinesOptions::default();
    convert_lines(&Converter::default(), format!("{line}\n").as_bytes(), &mut output, options, |_| {})
        .unwrap();
    let envelope: serde_json::Value = serde_json::from_slice(&output).unwrap();
    messages.push(envelope["message"].as_str().unwrap().to_owned());
    messages
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_message_writes_a_hostile_character(text in hostile()) {
        for message in messages_for(&text) {
            prop_assert!(!message.chars().any(acts_on_a_terminal), "{:?}", message);
        }
    }

    #[test]
    fn no_message_quotes_more_than_the_echo_limit(text in "[a-z]{65,120}") {
        let first_65: String = text.chars().take(65).collect();
        for message in messages_for(&text) {
            prop_assert!(!message.contains(&first_65), "{:?}", message);
        }
    }
}
