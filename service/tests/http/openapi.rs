//! The OpenAPI document (`service/openapi.json`) describes what the service answers:
//! real answers over the socket, drafts of generated companies and records, and the
//! envelope of every error kind validate against its schemas (JSON Schema 2020-12, as
//! OpenAPI 3.1 uses it).

use contract_draft::strategy::mapped;
use contract_draft::submit::ContractForm;
use contract_draft::{Converter, Envelope, Error, ErrorEnvelope, ErrorKind};
use contract_draft_service::seed::USER_ID;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

use crate::support::{Server, authorization};

/// The document.
fn document() -> Value {
    serde_json::from_str(include_str!("../../openapi.json")).unwrap()
}

/// A validator of the component schema `name`, its references resolved in the document.
fn schema(name: &str) -> jsonschema::Validator {
    let document = document();
    assert!(document["components"]["schemas"][name].is_object(), "no schema {name}");
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": document["components"],
    });
    jsonschema::validator_for(&schema).unwrap()
}

/// Asserts that `body` (JSON text) is valid against `validator`.
fn assert_valid(validator: &jsonschema::Validator, what: &str, body: &[u8]) {
    let instance: Value = serde_json::from_slice(body).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    let shown: String = String::from_utf8_lossy(body).chars().take(400).collect();
    assert!(errors.is_empty(), "{what}: {}\n{shown}", errors.join("\n"));
}

#[test]
fn the_document_is_openapi_3_1_and_names_every_route() {
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    // The routes of `app::router`, in the document's order (serde_json sorts the keys).
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    assert_eq!(
        paths,
        [
            "/api/v2/contracts",
            "/api/v2/contracts/new_from_opportunity",
            "/api/v2/contracts/{id}/receivables",
            "/api/v2/contracts/{id}/received_payment_plans",
        ]
    );
}

#[test]
fn the_services_answers_validate() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    let errors = schema("ErrorEnvelope");
    let sample = server.get("/api/v2/contracts/new_from_opportunity?opportunity_id=576543", Some(&token));
    assert_valid(&schema("DraftEnvelope"), "the sample", sample.body.as_bytes());

    let draft =
        Converter::default().convert_json(include_bytes!("../../../fixtures/bundle.json")).unwrap().draft;
    let mut form = serde_json::to_value(ContractForm::from_draft(&draft)).unwrap();
    form["contract"]["sn"] = json!("HT-1");
    form["contract"]["end_at"] = json!("2016-09-08");
    let form = serde_json::to_vec(&form).unwrap();
    assert_valid(&schema("Form"), "the sample's form", &form);
    let saved = server.post("/api/v2/contracts", Some(&token), &form);
    assert_eq!(saved.status, 200);
    assert_valid(&schema("SavedContractEnvelope"), "the saved contract", saved.body.as_bytes());
    let duplicate = server.post("/api/v2/contracts", Some(&token), &form);
    assert_valid(&errors, "a duplicate", duplicate.body.as_bytes());

    let terms =
        br#"{"terms": [{"percent": "30"}, {"balance": true, "after_months": 12}], "today": "2016-01-01"}"#;
    assert_valid(&schema("ScheduleTerms"), "the terms", terms);
    let schedule = server.post("/api/v2/contracts/1/received_payment_plans", Some(&token), terms);
    assert_eq!(schedule.status, 200);
    assert_valid(&schema("PlanScheduleEnvelope"), "the schedule", schedule.body.as_bytes());
    let receivables = server.get("/api/v2/contracts/1/receivables", Some(&token));
    assert_valid(&schema("ReceivablesEnvelope"), "the receivables", receivables.body.as_bytes());

    for (what, reply) in [
        ("no token", server.get("/api/v2/contracts/1/receivables", None)),
        ("a bad form", server.post("/api/v2/contracts", Some(&token), br#"{"contract": {"title": ""}}"#)),
        ("not JSON", server.post("/api/v2/contracts", Some(&token), b"{")),
        ("no such contract", server.get("/api/v2/contracts/2/receivables", Some(&token))),
    ] {
        assert!(reply.status >= 400, "{what}");
        assert_valid(&errors, what, reply.body.as_bytes());
    }
}

#[test]
fn every_error_kinds_envelope_validates() {
    let errors = schema("ErrorEnvelope");
    for &kind in ErrorKind::ALL {
        let error = Error::new(kind, "contract.title", "is wrong");
        assert_valid(&errors, kind.name(), &ErrorEnvelope::from(&error).to_json());
        let several =
            Error::all(vec![error.clone(), Error::new(kind, "contract.sn", "is wrong")]).unwrap_err();
        assert_valid(&errors, kind.name(), &ErrorEnvelope::from(&several).to_json());
    }
}

#[test]
fn drafts_of_generated_companies_validate() {
    let drafts = schema("DraftEnvelope");
    let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
    runner
        .run(&mapped(), |(settings, bundle)| {
            let converter = Converter::new(&settings).unwrap();
            let draft = converter.convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
            assert_valid(&drafts, "a generated draft", &Envelope::new(&draft).to_json().unwrap());
            Ok(())
        })
        .unwrap();
}
