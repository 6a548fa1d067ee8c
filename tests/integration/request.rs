//! The request side of the endpoint: the `Authorization` header and `opportunity_id`,
//! answered as ikcrm answers them, asserted on the bytes a caller receives.

use contract_draft::request::{Authorization, opportunity_id, query_value};
use contract_draft::{Error, ErrorEnvelope, ErrorKind, JsonStyle, Language};

use crate::support::fixture;

/// `error`'s envelope as the program and a service write it by default: pretty, as the
/// documented response is.
fn pretty(error: &Error) -> String {
    let mut json = Vec::new();
    JsonStyle::DOCUMENTED.append(&mut json, &ErrorEnvelope::from(error)).unwrap();
    String::from_utf8(json).unwrap()
}

/// The error response the seed documents, as published.
fn documented_error_response() -> String {
    let seed = fixture("seed.txt");
    let start = seed.find("{\n  \"code\": 100000").expect("the seed's error response");
    let end = start + seed[start..].find("\n}").unwrap() + 2;
    seed[start..end].to_owned()
}

#[test]
fn a_request_from_another_device_gets_the_documented_error_response() {
    let error = Authorization::parse(Some("Token token=abc, device=web, version_code=9.9.9")).unwrap_err();
    assert_eq!(error.kind().http_status(), 400);
    assert_eq!(pretty(&error), documented_error_response());
    assert_eq!(error.to_string(), r#"device: "web" is not open_api"#);
}

#[test]
fn a_request_without_a_login_is_told_to_log_in_again() {
    for header in [None, Some("Token device=open_api, version_code=9.9.9")] {
        let error = Authorization::parse(header).unwrap_err();
        assert_eq!((error.kind(), error.kind().http_status()), (ErrorKind::Unauthenticated, 401));
        let mut json = Vec::new();
        JsonStyle::new(contract_draft::Layout::Compact, true)
            .append(&mut json, &ErrorEnvelope::from(&error))
            .unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            r#"{"code":100401,"message":"您的登录已经过期,请重新登录!","error":"user_authentication_error"}"#
        );
    }
}

#[test]
fn an_opportunity_id_that_is_missing_or_not_an_id_is_a_wrong_parameter() {
    assert_eq!(opportunity_id(query_value("opportunity_id=576543", "opportunity_id")), Ok(576543));
    for query in ["", "opportunity_id=", "opportunity_id=abc", "opportunity_id=-1", "id=5"] {
        let error = opportunity_id(query_value(query, "opportunity_id")).unwrap_err();
        assert_eq!(
            (error.kind().http_status(), error.message(Language::Chinese)),
            (400, "opportunity_id参数错误".to_owned()),
            "{query}"
        );
        assert_eq!(
            serde_json::to_string(&ErrorEnvelope::from(error)).unwrap(),
            r#"{"code":100000,"message":"opportunity_id参数错误","error":"invalid_app_error"}"#
        );
    }
}
