//! `contract-draft submit`.

use crate::support::fixture_path;
use crate::{run, stdout};

#[test]
fn a_valid_form_prints_the_create_request() {
    let form = br#"{"contract": {"title": "T", "sn": "HT-1", "customer_id": "5", "start_at": "2026-02-01",
        "end_at": "2027-01-31", "total_amount": 0.666666,
        "product_assets_attributes": [{"product_id": 1, "quantity": "2", "recommended_unit_price": "0.333333", "total_price": "9"}]}}"#;
    let output = run(&["submit", "-", "--compact"], form);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        concat!(
            r#"{"contract":{"title":"T","sn":"HT-1","approve_status":"applying","user_id":null,"custom_field_template_id":null,"opportunity_id":null,"customer_id":5,"total_amount":"0.666666","start_at":"2026-02-01","end_at":"2027-01-31","category":"","payment_type":"","status":"","customer_signer":"","our_signer":"","sign_date":"","special_terms":"","want_department_id":null,"attachments_attributes":[],"#,
            r#""product_assets_attributes":[{"id":null,"destroy":false,"product_id":1,"product_name":"","product_attr_id":null,"product_no":"","quantity":"2.0","recommended_unit_price":"0.333333","total_price":"0.666666","sale_unit":"","spec":"","remark":""}]},"contract_action_name":"turn_to_contract"}"#,
            "\n"
        )
    );
}

#[test]
fn an_invalid_form_exits_1_with_every_problem() {
    let form =
        br#"{"contract": {"title": "", "customer_id": 5, "start_at": "2026-02-01", "end_at": "2026-01-01"}}"#;
    let settings = fixture_path("settings.json");
    let output = run(&["submit", "--settings", &settings, "-", "--compact", "--language", "en"], form);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        concat!(
            r#"{"code":100000,"message":"contract.title: is required; contract.sn: is required; contract.end_at: 2026-01-01 is before start_at (2026-02-01)","error":"invalid_app_error","#,
            r#""errors":[{"path":"contract.title","message":"contract.title: is required"},{"path":"contract.sn","message":"contract.sn: is required"},{"path":"contract.end_at","message":"contract.end_at: 2026-01-01 is before start_at (2026-02-01)"}]}"#,
            "\n"
        )
    );
    let output = run(&["submit", "--settings", &settings, "-", "--compact"], form);
    assert_eq!(
        stdout(&output),
        concat!(
            r#"{"code":100000,"message":"合同标题参数错误：不能为空；合同编号参数错误：不能为空；结束时间参数错误：取值无效","error":"invalid_app_error","#,
            r#""errors":[{"path":"contract.title","message":"合同标题参数错误：不能为空"},{"path":"contract.sn","message":"合同编号参数错误：不能为空"},{"path":"contract.end_at","message":"结束时间参数错误：取值无效"}]}"#,
            "\n"
        )
    );
}
