//! A property through the service: generated settings and records stored as rows, the
//! draft fetched over HTTP and its form posted back, each answer byte for byte the
//! library's own for the same records.

use std::cell::Cell;

use contract_draft::strategy::mapped;
use contract_draft::submit::ContractForm;
use contract_draft::{CompanySettings, Converter, Envelope, Error, ErrorEnvelope};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::value::to_raw_value;

use crate::support::{Database, Reply, Server, authorization};

/// What the service must answer for a library result: the body with 200, or the
/// error's envelope with its status.
fn expected<T: serde::Serialize>(result: Result<T, Error>) -> (u16, String) {
    match result {
        Ok(data) => (200, String::from_utf8(Envelope::new(data).to_json().unwrap()).unwrap()),
        Err(error) => {
            (error.kind().http_status(), String::from_utf8(ErrorEnvelope::from(&error).to_json()).unwrap())
        }
    }
}

fn answer(reply: Reply) -> (u16, String) {
    (reply.status, reply.body)
}

#[test]
fn the_service_answers_as_the_library_does() {
    // How many cases reached the draft and a saved contract: the property must cover
    // both answers, not only errors.
    let (drafts, contracts) = (Cell::new(0), Cell::new(0));
    let mut runner = TestRunner::new(Config { cases: 48, ..Config::default() });
    runner
        .run(&mapped(), |(settings, mut bundle)| {
            // A request names ids from 1; rows are as a database keeps them.
            bundle.opportunity.id = bundle.opportunity.id.max(1);
            let company = bundle.user.organization_id;
            let database = Database::new();
            let store = database.store();
            store.add_company(company, &settings).unwrap();
            store.add_user(company, &bundle.user).unwrap();
            store.add_customer(company, &bundle.customer).unwrap();
            store.add_opportunity(company, &bundle.opportunity).unwrap();
            let server = Server::on(database);
            let token = authorization(&server.token(bundle.user.id));

            // The settings as stored read back as the same company.
            let stored = serde_json::to_vec(&settings).unwrap();
            prop_assert_eq!(
                CompanySettings::from_json(&stored).map(|read| serde_json::to_vec(&read).unwrap()),
                Ok(stored)
            );
            let converter = Converter::new(&settings).unwrap();
            let conversion = converter
                .convert(&bundle.opportunity, &bundle.customer, &bundle.user)
                .map_err(Error::of_stored_records);
            let target =
                format!("/api/v2/contracts/new_from_opportunity?opportunity_id={}", bundle.opportunity.id);
            prop_assert_eq!(
                answer(server.get(&target, Some(&token))),
                expected(conversion.as_ref().map(|c| &c.draft).map_err(Clone::clone))
            );

            let Ok(conversion) = conversion else { return Ok(()) };
            drafts.set(drafts.get() + 1);
            let mut form = ContractForm::from_draft(&conversion.draft);
            // The client fills in what the draft leaves open: the number, and the
            // title and days the opportunity did not give.
            form.set("sn", to_raw_value("HT-1").unwrap());
            let empty = |form: &ContractForm, key: &str| {
                form.get(key).is_none_or(|value| {
                    serde_json::from_str::<String>(value.get()).is_ok_and(|text| text.trim().is_empty())
                })
            };
            if empty(&form, "title") {
                form.set("title", to_raw_value("合同").unwrap());
            }
            if empty(&form, "start_at") {
                form.set("start_at", to_raw_value("2026-01-01").unwrap());
            }
            if empty(&form, "end_at") {
                let start = form.get("start_at").unwrap().to_owned();
                form.set("end_at", start);
            }
            let body = serde_json::to_vec(&form).unwrap();
            let request = converter.create_request(&form);
            let saved = server.post("/api/v2/contracts", Some(&token), &body);
            contracts.set(contracts.get() + usize::from(request.is_ok()));
            prop_assert_eq!(
                answer(saved),
                expected(request.as_ref().map(|request| request.saved(1)).map_err(Clone::clone))
            );
            Ok(())
        })
        .unwrap();
    assert!(
        drafts.get() >= 12 && contracts.get() == drafts.get(),
        "{} drafts, {} saved of 48",
        drafts.get(),
        contracts.get()
    );
}
