//! The request side of `new_from_opportunity`, as pure functions: the `Authorization`
//! header every request of ikcrm's open API carries, and the endpoint's
//! `opportunity_id` parameter. Whether a token is valid is the service's to decide.
//!
//! ```
//! use contract_draft::request::{Authorization, opportunity_id};
//! use contract_draft::{ErrorEnvelope, JsonStyle};
//!
//! let authorization = Authorization::parse(Some("Token token=abc, device=open_api, version_code=9.9.9"))?;
//! assert_eq!(authorization.token(), "abc");
//! assert_eq!(opportunity_id(Some("576543"))?, 576543);
//!
//! // A wrong device answers the documented error response.
//! let error = Authorization::parse(Some("Token token=abc, device=web, version_code=9.9.9")).unwrap_err();
//! let mut json = Vec::new();
//! JsonStyle::DOCUMENTED.append(&mut json, &ErrorEnvelope::from(error)).unwrap();
//! assert_eq!(
//!     String::from_utf8(json).unwrap(),
//!     "{\n  \"code\": 100000,\n  \"message\": \"device参数错误\",\n  \"error\": \"invalid_app_error\"\n}"
//! );
//! # Ok::<(), contract_draft::Error>(())
//! ```

use crate::error::Error;
use crate::error::echo::Quoted;

/// The `device` every request of the open API names.
pub const DEVICE: &str = "open_api";

/// The `version_code` every request of the open API names.
pub const VERSION_CODE: &str = "9.9.9";

pub use crate::limits::MAX_ID;

/// A checked `Authorization` header: `Token token=<access token>, device=open_api,
/// version_code=9.9.9`, values bare or in double quotes, separated by `,` or `;`, the
/// scheme `Token` or `Bearer` (as Rails reads a token header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authorization<'a> {
    token: &'a str,
}

impl<'a> Authorization<'a> {
    /// Checks a request's `Authorization` header (`None` when the request has none).
    ///
    /// No header, another scheme, or no token: [`Unauthenticated`] (ikcrm's 100401,
    /// `您的登录已经过期,请重新登录!`). With a header, `device` is checked first, then
    /// `version_code`: missing or other than [`DEVICE`] and [`VERSION_CODE`], or given
    /// twice, each is an [`InvalidParameter`] (`device参数错误`, the documented error
    /// response), whether or not a token is there; then the token.
    ///
    /// [`Unauthenticated`]: crate::ErrorKind::Unauthenticated
    /// [`InvalidParameter`]: crate::ErrorKind::InvalidParameter
    pub fn parse(header: Option<&'a str>) -> Result<Self, Error> {
        let header =
            header.ok_or_else(|| Error::unauthenticated("the request has no Authorization header"))?;
        let parameters = ["Token ", "Bearer "]
            .iter()
            .find_map(|scheme| header.strip_prefix(scheme))
            .ok_or_else(|| Error::unauthenticated("the Authorization header is not of the Token scheme"))?;
        let (mut token, mut device, mut version_code) = (Once::default(), Once::default(), Once::default());
        for parameter in parameters.split([',', ';', '\t']).map(str::trim).filter(|part| !part.is_empty()) {
            let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
            let value = unquoted(value.trim());
            match name.trim() {
                "token" => token.give(value),
                "device" => device.give(value),
                "version_code" => version_code.give(value),
                _ => {}
            }
        }
        device.expect("device", DEVICE)?;
        version_code.expect("version_code", VERSION_CODE)?;
        match token {
            Once::Given(token) if !token.is_empty() => Ok(Self { token }),
            Once::Twice => Err(Error::unauthenticated("the Authorization header names two tokens")),
            _ => Err(Error::unauthenticated("the Authorization header has no token")),
        }
    }

    /// The access token, for the service to look up.
    pub const fn token(&self) -> &'a str {
        self.token
    }
}

/// A header parameter: not given, given once, or given more than once.
#[derive(Debug, Default)]
enum Once<'a> {
    #[default]
    Absent,
    Given(&'a str),
    Twice,
}

impl<'a> Once<'a> {
    fn give(&mut self, value: &'a str) {
        *self = match self {
            Self::Absent => Self::Given(value),
            _ => Self::Twice,
        };
    }

    /// The parameter `name` is given once, as `expected`.
    fn expect(&self, name: &str, expected: &str) -> Result<(), Error> {
        match self {
            Self::Given(value) if *value == expected => Ok(()),
            Self::Given(value) => {
                Err(Error::invalid_parameter(name, format_args!("{} is not {expected}", Quoted(value))))
            }
            Self::Absent => {
                Err(Error::invalid_parameter(name, format_args!("is missing; it must be {expected}")))
            }
            Self::Twice => Err(Error::invalid_parameter(name, "is given twice")),
        }
    }
}

/// `value` without the double quotes around it, if it has them.
fn unquoted(value: &str) -> &str {
    value.strip_prefix('"').and_then(|value| value.strip_suffix('"')).unwrap_or(value)
}

/// The `opportunity_id` parameter's value (`None` when the request has none), checked:
/// an id is decimal digits without a sign or leading zeros, from 1 to [`MAX_ID`]. Else
/// an [`InvalidParameter`](crate::ErrorKind::InvalidParameter), `opportunity_id参数错误`.
///
/// ```
/// use contract_draft::request::opportunity_id;
///
/// assert_eq!(opportunity_id(Some("576543")).unwrap(), 576543);
/// for wrong in [None, Some(""), Some("0"), Some("+5"), Some("05"), Some("5a"), Some("9223372036854775808")] {
///     let error = opportunity_id(wrong).unwrap_err();
///     assert_eq!(error.message(contract_draft::Language::Chinese), "opportunity_id参数错误");
/// }
/// ```
pub fn opportunity_id(value: Option<&str>) -> Result<u64, Error> {
    id_parameter("opportunity_id", value)
}

/// The value of the query parameter `name` in a query string (`a=1&opportunity_id=5`,
/// without the `?`), the last one where it is given more than once (as Rails reads a
/// query). Values are taken as written: an id needs no percent-decoding, and a value
/// that has any is not an id.
///
/// ```
/// use contract_draft::request::{opportunity_id, query_value};
///
/// assert_eq!(query_value("opportunity_id=5&x=1", "opportunity_id"), Some("5"));
/// assert_eq!(opportunity_id(query_value("x=1", "opportunity_id")).unwrap_err().path(), "opportunity_id");
/// ```
pub fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == name).then_some(value)
        })
        .next_back()
}

/// The id parameter `name`'s value (a query parameter, or a path segment such as a
/// contract's id in `/api/v2/contracts/:id`), checked as [`opportunity_id`] says; a
/// wrong one is `<name>参数错误`.
///
/// ```
/// use contract_draft::request::id_parameter;
///
/// assert_eq!(id_parameter("id", Some("12")).unwrap(), 12);
/// assert_eq!(id_parameter("id", Some("12.0")).unwrap_err().path(), "id");
/// ```
pub fn id_parameter(name: &str, value: Option<&str>) -> Result<u64, Error> {
    let value = value
        .filter(|value| !value.is_empty())
        .ok_or_else(|| Error::invalid_parameter(name, "is required"))?;
    let canonical = value.bytes().all(|byte| byte.is_ascii_digit()) && !value.starts_with('0');
    match value.parse::<u64>() {
        Ok(id @ 1..=MAX_ID) if canonical => Ok(id),
        _ => Err(Error::invalid_parameter(
            name,
            format_args!("{} is not an id (1 to {MAX_ID}, digits only)", Quoted(value)),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, Language};

    fn answer(header: Option<&str>) -> Result<&str, (ErrorKind, String)> {
        Authorization::parse(header)
            .map(|authorization| authorization.token())
            .map_err(|error| (error.kind(), error.message(Language::Chinese)))
    }

    const LOGIN: &str = "您的登录已经过期,请重新登录!";

    #[test]
    fn a_header_of_the_apis_convention_gives_its_token() {
        for header in [
            "Token token=abc, device=open_api, version_code=9.9.9",
            r#"Token token="abc", device="open_api", version_code="9.9.9""#,
            "Token version_code=9.9.9;device=open_api;token=abc",
            "Bearer token=abc,device=open_api,version_code=9.9.9",
        ] {
            assert_eq!(answer(Some(header)), Ok("abc"), "{header}");
        }
    }

    #[test]
    fn a_wrong_device_or_version_is_a_wrong_parameter_whatever_the_token() {
        let device = Err((ErrorKind::InvalidParameter, "device参数错误".to_owned()));
        let version = Err((ErrorKind::InvalidParameter, "version_code参数错误".to_owned()));
        assert_eq!(answer(Some("Token token=abc, device=web, version_code=9.9.9")), device);
        assert_eq!(answer(Some("Token token=abc, version_code=9.9.9")), device);
        assert_eq!(answer(Some("Token device=web")), device);
        assert_eq!(
            answer(Some("Token token=a, device=open_api, device=open_api, version_code=9.9.9")),
            device
        );
        assert_eq!(answer(Some("Token token=abc, device=open_api, version_code=1.0")), version);
        assert_eq!(answer(Some("Token token=abc, device=open_api")), version);
    }

    #[test]
    fn no_token_is_no_login() {
        let login = Err((ErrorKind::Unauthenticated, LOGIN.to_owned()));
        assert_eq!(answer(None), login);
        assert_eq!(answer(Some("Basic dXNlcjpwYXNz")), login);
        assert_eq!(answer(Some("Token device=open_api, version_code=9.9.9")), login);
        assert_eq!(answer(Some("Token token=, device=open_api, version_code=9.9.9")), login);
        assert_eq!(answer(Some("Token token=a, token=b, device=open_api, version_code=9.9.9")), login);
        // The detail, for the service's log, says which.
        let detail = |header| Authorization::parse(Some(header)).unwrap_err().detail().to_owned();
        assert_eq!(
            detail("Token token=a, token=b, device=open_api, version_code=9.9.9"),
            "the Authorization header names two tokens"
        );
        assert_eq!(
            detail("Token token=, device=open_api, version_code=9.9.9"),
            "the Authorization header has no token"
        );
    }

    #[test]
    fn ids_are_canonical_and_within_i64() {
        assert_eq!(opportunity_id(Some("1")).unwrap(), 1);
        assert_eq!(opportunity_id(Some("9223372036854775807")).unwrap(), MAX_ID);
        for wrong in ["", "0", "+5", "-5", "05", " 5", "5 ", "1e3", "9223372036854775808", "%35"] {
            let error = opportunity_id(Some(wrong)).unwrap_err();
            assert_eq!(
                (error.kind(), error.path()),
                (ErrorKind::InvalidParameter, "opportunity_id"),
                "{wrong}"
            );
        }
        let error = opportunity_id(Some("\u{1b}[2J")).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"opportunity_id: "\u{1b}[2J" is not an id (1 to 9223372036854775807, digits only)"#
        );
    }

    #[test]
    fn the_last_of_a_repeated_query_parameter_counts() {
        assert_eq!(query_value("opportunity_id=1&opportunity_id=2", "opportunity_id"), Some("2"));
        assert_eq!(query_value("opportunity_id", "opportunity_id"), Some(""));
        assert_eq!(query_value("", "opportunity_id"), None);
        assert_eq!(query_value("xopportunity_id=1", "opportunity_id"), None);
    }
}
