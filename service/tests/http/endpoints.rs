//! Each endpoint over the socket: the documented sample byte for byte, ikcrm's error
//! responses, and a draft's form posted back, saved, scheduled and its receivables.

use contract_draft::submit::ContractForm;
use contract_draft::{Bundle, CompanySettings, Converter, Customer, Opportunity, User};
use contract_draft_service::seed::{COMPANY_ID, USER_ID};
use serde_json::value::to_raw_value;

use crate::support::{Reply, Server, authorization};

const SAMPLE: &str = "/api/v2/contracts/new_from_opportunity?opportunity_id=576543";
const JSON: Option<&str> = Some("application/json; charset=utf-8");
const NOT_FOUND: &str = r#"{"code":100100,"message":"您没有权限查看该对象或该对象不存在。","error":"active_record/record_not_found"}"#;

fn reply(status: u16, body: &str) -> Reply {
    Reply { status, content_type: JSON.map(str::to_owned), body: body.to_owned() }
}

#[test]
fn the_sample_answers_the_documented_response() {
    let server = Server::seeded();
    let token = server.token(USER_ID);
    let documented = include_str!("../../../fixtures/response.compact.json").trim_end();
    assert_eq!(server.get(SAMPLE, Some(&authorization(&token))), reply(200, documented));
}

#[test]
fn a_wrong_device_answers_the_seeds_error_response() {
    let server = Server::seeded();
    let token = server.token(USER_ID);
    let header = format!("Token token={token}, device=web, version_code=9.9.9");
    let seeds = r#"{"code":100000,"message":"device参数错误","error":"invalid_app_error"}"#;
    assert_eq!(server.get(SAMPLE, Some(&header)), reply(400, seeds));
}

#[test]
fn without_a_token_the_service_made_the_caller_is_unauthenticated() {
    let server = Server::seeded();
    let expired = reply(
        401,
        r#"{"code":100401,"message":"您的登录已经过期,请重新登录!","error":"user_authentication_error"}"#,
    );
    assert_eq!(server.get(SAMPLE, None), expired);
    assert_eq!(server.get(SAMPLE, Some(&authorization("0123"))), expired);
    // A token is stored only as its digest: the digest itself is no token.
    let token = server.token(USER_ID);
    let digest = contract_draft_service::tokens::hex(&contract_draft_service::tokens::digest(&token));
    assert_eq!(server.get(SAMPLE, Some(&authorization(&digest))), expired);
}

#[test]
fn a_wrong_opportunity_id_is_a_parameter_error() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    let wrong =
        reply(400, r#"{"code":100000,"message":"opportunity_id参数错误","error":"invalid_app_error"}"#);
    for target in [
        "",
        "?opportunity_id=",
        "?opportunity_id=0",
        "?opportunity_id=+5",
        "?opportunity_id=9223372036854775808",
    ] {
        assert_eq!(
            server.get(&format!("/api/v2/contracts/new_from_opportunity{target}"), Some(&token)),
            wrong,
            "{target}"
        );
    }
}

/// Company 50, with the default settings, its user 7 and its customer 8.
fn add_company_50(store: &contract_draft_service::store::Store) {
    store.add_company(50, &CompanySettings::default()).unwrap();
    store.add_user(50, &User::new(7, "王", 50)).unwrap();
    let mut customer = Customer::new(8, "客户");
    customer.organization_id = Some(50);
    store.add_customer(50, &customer).unwrap();
}

#[test]
fn another_companys_opportunity_and_a_missing_one_answer_alike() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    let store = server.database.store();
    // Company 50's own opportunity, in its own rows.
    add_company_50(&store);
    store.add_opportunity(50, &Opportunity::new(9, "商机", "100".parse().unwrap(), 8)).unwrap();
    // An opportunity stored as company 49's whose record says company 50 made it: the
    // library's check refuses it.
    let sample = Bundle::from_json(include_bytes!("../../../fixtures/bundle.json")).unwrap();
    let mut misfiled = sample.opportunity.clone();
    misfiled.id = 10;
    misfiled.creator.as_mut().unwrap().organization_id = 50;
    store.add_opportunity(COMPANY_ID, &misfiled).unwrap();

    let answers: Vec<Reply> = [9_u64, 10, 11, 9_223_372_036_854_775_807]
        .iter()
        .map(|id| {
            server.get(&format!("/api/v2/contracts/new_from_opportunity?opportunity_id={id}"), Some(&token))
        })
        .collect();
    for answer in &answers {
        assert_eq!(*answer, reply(404, NOT_FOUND));
    }
    // The same service answers company 50's user.
    let theirs = authorization(&server.token(7));
    assert_eq!(
        server.get("/api/v2/contracts/new_from_opportunity?opportunity_id=9", Some(&theirs)).status,
        200
    );
}

#[test]
fn an_unknown_endpoint_is_not_found() {
    let server = Server::seeded();
    assert_eq!(server.get("/api/v2/contracts/nothing/here", None), reply(404, NOT_FOUND));
}

/// The sample's draft as a client edits it: the contract number and last day filled in.
fn sample_form(sn: &str) -> Vec<u8> {
    let sample = Bundle::from_json(include_bytes!("../../../fixtures/bundle.json")).unwrap();
    let settings = CompanySettings::from_json(include_bytes!("../../../fixtures/settings.json")).unwrap();
    let draft = Converter::new(&settings)
        .unwrap()
        .convert_owned(sample.opportunity, sample.customer, sample.user)
        .unwrap()
        .draft;
    let mut form = ContractForm::from_draft(&draft);
    form.set("sn", to_raw_value(sn).unwrap());
    form.set("end_at", to_raw_value("2016-09-08").unwrap());
    serde_json::to_vec(&form).unwrap()
}

#[test]
fn a_drafts_form_posted_back_is_saved_and_answered_with_its_id() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    let saved = server.post("/api/v2/contracts", Some(&token), &sample_form("HT-2015-001"));
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(
        saved.body.starts_with(r#"{"code":0,"data":{"id":1,"title":"CRM集团版","sn":"HT-2015-001","approve_status":"applying","user_id":364513,"#),
        "{}",
        saved.body
    );
    assert!(saved.body.contains(r#""opportunity_id":576543,"customer_id":23481906,"total_amount":"19800.0","start_at":"2015-09-09","end_at":"2016-09-08""#), "{}", saved.body);
    let second = server.post("/api/v2/contracts", Some(&token), &sample_form("HT-2015-002"));
    assert!(second.body.starts_with(r#"{"code":0,"data":{"id":2,"#), "{}", second.body);
}

#[test]
fn the_same_contract_number_twice_is_ikcrms_duplicate_error() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    assert_eq!(server.post("/api/v2/contracts", Some(&token), &sample_form("HT-1")).status, 200);
    let duplicate = reply(
        409,
        r#"{"code":100407,"message":"你已经有相同合同编号的合同","error":"entity_duplicate_error"}"#,
    );
    assert_eq!(server.post("/api/v2/contracts", Some(&token), &sample_form("HT-1")), duplicate);
    // Another company may use the number.
    let store = server.database.store();
    add_company_50(&store);
    let theirs = authorization(&server.token(7));
    let form = br#"{"contract": {"title": "T", "sn": "HT-1", "customer_id": 8, "start_at": "2026-01-01", "end_at": "2026-12-31"}}"#;
    let saved = server.post("/api/v2/contracts", Some(&theirs), form);
    assert!(
        saved
            .body
            .starts_with(r#"{"code":0,"data":{"id":2,"title":"T","sn":"HT-1","approve_status":"applying","#),
        "{}",
        saved.body
    );
}

#[test]
fn a_form_naming_another_companys_customer_is_not_found() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    let form = br#"{"contract": {"title": "T", "sn": "HT-9", "customer_id": 8, "start_at": "2026-01-01", "end_at": "2026-12-31"}}"#;
    assert_eq!(server.post("/api/v2/contracts", Some(&token), form), reply(404, NOT_FOUND));
}

#[test]
fn a_bad_form_lists_every_problem() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    let answer = server.post("/api/v2/contracts", Some(&token), br#"{"contract": {"title": ""}}"#);
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(answer.body.contains(r#""errors":[{"path":"contract.title","#), "{}", answer.body);
    let answer = server.post("/api/v2/contracts", Some(&token), b"{");
    assert_eq!(
        answer,
        reply(400, r#"{"code":100000,"message":"请求参数错误：不是有效的JSON","error":"invalid_app_error"}"#)
    );
}

#[test]
fn a_saved_contracts_schedule_and_receivables() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    assert_eq!(server.post("/api/v2/contracts", Some(&token), &sample_form("HT-1")).status, 200);
    let before = server.get("/api/v2/contracts/1/receivables", Some(&token));
    assert_eq!(
        before,
        reply(
            200,
            r#"{"code":0,"data":{"received_payments_plan_count":0,"received_payments_plan_amount":"0.0","received_payments_amount":"0.0","unreceived_amount":19800.0,"unchecking_payments_amount":19800.0,"checking_payments_amount":"0.0"}}"#
        )
    );
    let terms = br#"{"terms": [{"percent": "30"}, {"balance": true, "after_months": 12}]}"#;
    let schedule = server.post("/api/v2/contracts/1/received_payment_plans", Some(&token), terms);
    assert_eq!(schedule.status, 200, "{}", schedule.body);
    assert!(
        schedule.body.contains(r#""amount":"5940.0","note":"","receive_date":"2015-09-09""#),
        "{}",
        schedule.body
    );
    assert!(
        schedule.body.contains(r#""amount":"13860.0","note":"","receive_date":"2016-09-09""#),
        "{}",
        schedule.body
    );
    let after = server.get("/api/v2/contracts/1/receivables", Some(&token));
    assert!(
        after.body.starts_with(
            r#"{"code":0,"data":{"received_payments_plan_count":2,"received_payments_plan_amount":"19800.0","#
        ),
        "{}",
        after.body
    );
    // Another contract id, or one of another company, is not found.
    assert_eq!(server.get("/api/v2/contracts/2/receivables", Some(&token)), reply(404, NOT_FOUND));
    let wrong = server.get("/api/v2/contracts/x/receivables", Some(&token));
    assert_eq!(wrong, reply(400, r#"{"code":100000,"message":"id参数错误","error":"invalid_app_error"}"#));
}

#[test]
fn a_method_without_an_endpoint_is_not_found() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    for (method, target) in
        [("DELETE", "/api/v2/contracts/1/receivables"), ("GET", "/api/v2/contracts"), ("POST", SAMPLE)]
    {
        assert_eq!(
            server.send(method, target, Some(&token), b""),
            reply(404, NOT_FOUND),
            "{method} {target}"
        );
    }
}

#[test]
fn a_new_contracts_lines_name_no_saved_line() {
    let server = Server::seeded();
    let token = authorization(&server.token(USER_ID));
    let form =
        br#"{"contract": {"title": "T", "sn": "HT-9", "customer_id": 23481906, "start_at": "2026-01-01",
        "end_at": "2026-12-31", "product_assets_attributes": [
            {"product_id": 1, "quantity": "2", "recommended_unit_price": "3"},
            {"id": 1, "product_id": 1, "quantity": "2", "recommended_unit_price": "3"},
            {"id": 5, "destroy": true}]}}"#;
    let refused = server.post("/api/v2/contracts", Some(&token), form);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains(r#""errors":[{"path":"contract.product_assets_attributes[1].id","#)
            && refused.body.contains(r#"{"path":"contract.product_assets_attributes[2].id","#),
        "{}",
        refused.body
    );
}
