//! What an error tells the caller of a service, in the caller's language, as opposed to
//! what it tells the log.
//!
//! An [`Error`]'s `Display` is for people who may see everything (a log, the program's
//! standard error): English, naming the ids involved. The error envelope's message goes
//! to whoever sent the request, and ikcrm's clients show it to their users as it is, so
//! it is written in the API's language, Chinese, unless English is asked for
//! ([`Language`]); and it withholds what the caller may not learn:
//!
//! - A record that is not found and a record of another company answer the same fixed
//!   message, whatever the path ([`ErrorKind::NotFound`],
//!   [`ErrorKind::OrganizationMismatch`]), so that a caller cannot tell another
//!   company's record from a missing one.
//! - A customer mismatch names the opportunity's `customer_id`, which the caller reads
//!   only as "the customer is not the opportunity's".
//! - A failure of the service's own (its settings, its stored data) is not the caller's
//!   to read about in detail.
//!
//! No other kind needs withholding: their details quote at most the refused value
//! itself (bounded, see [`echo`](super::echo)), and never a value refused for its type,
//! so a phone number that hiding would mask is never quoted (see
//! `encoding::reader::in_api_words`).

use std::fmt;
use std::str::FromStr;

use crate::error::labels::{entity, parameter};
use crate::error::{Error, ErrorKind};

/// The language of the messages a caller reads ([`Error::message`],
/// [`ErrorEnvelope`](crate::ErrorEnvelope)): Chinese, the API's, by default. An
/// argument wherever a message is made, never a setting of the process.
///
/// ```
/// use contract_draft::{Error, Language};
///
/// let error = Error::new(contract_draft::ErrorKind::MissingField, "contract.sn", "is required");
/// assert_eq!(error.message(Language::Chinese), "合同编号参数错误：不能为空");
/// assert_eq!(error.message(Language::English), "contract.sn: is required");
/// assert_eq!("en".parse::<Language>(), Ok(Language::English));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Language {
    /// 中文: ikcrm's messages and the create page's field labels (`合同编号参数错误：不能为空`).
    #[default]
    Chinese,
    /// English: the path and the detail, as the error's `Display` writes them, but with
    /// what the caller may not learn withheld.
    English,
}

impl Language {
    /// The language's tag: `zh` or `en`.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Chinese => "zh",
            Self::English => "en",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A language tag that is neither `zh` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not a language: zh or en", super::echo::Quoted(.0))]
pub struct UnknownLanguage(String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// `zh` or `en` (the tags [`Language::tag`] writes).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "zh" => Ok(Self::Chinese),
            "en" => Ok(Self::English),
            other => Err(UnknownLanguage(other.to_owned())),
        }
    }
}

/// ikcrm's answer for a record the user may not see or that does not exist.
pub(crate) const NOT_FOUND_ZH: &str = "您没有权限查看该对象或该对象不存在。";
const NOT_FOUND_EN: &str = "the record does not exist, or you may not see it";
/// ikcrm's answer for a request without a valid access token.
const UNAUTHENTICATED_ZH: &str = "您的登录已经过期,请重新登录!";
const UNAUTHENTICATED_EN: &str = "your login has expired; please log in again";
const SERVICE_FAILURE_ZH: &str = "服务器内部错误";
const SERVICE_FAILURE_EN: &str = "the service failed; the failure is logged";

impl ErrorKind {
    /// Why a field is refused, in Chinese, after `<parameter>参数错误：`.
    const fn reason_zh(self) -> &'static str {
        match self {
            Self::MalformedJson => "不是有效的JSON",
            Self::InvalidUtf8 => "不是有效的UTF-8文本",
            Self::MissingField => "不能为空",
            Self::WrongType => "类型错误",
            Self::DateFormat => "日期格式错误",
            Self::ImpossibleDate => "日期不存在",
            Self::InvalidAmount => "金额无效",
            Self::CustomerMismatch => "客户不是该商机的客户",
            Self::Overflow => "金额超出范围",
            Self::InputTooLarge => "内容超过长度限制",
            Self::InvalidSettings => "公司设置无效",
            _ => "取值无效",
        }
    }
}

impl Error {
    /// The message a caller reads, in `language`: what the error envelope says.
    ///
    /// In Chinese it follows ikcrm's patterns: `<parameter>参数错误` for a request
    /// parameter (`device参数错误`), then `：` and the reason for a field's value
    /// (`合同编号参数错误：不能为空`), the field named by the create page's label where
    /// it has one; `你已经有相同合同编号的合同` for a duplicate; ikcrm's fixed messages for
    /// a record not found (another company's too) and a missing login. In English it is
    /// the path and the detail (`contract.sn: is required`). Either way, a record not
    /// found, a mismatch and a failure of the service's own withhold their detail (see
    /// the module docs); an error of several problems joins theirs (`；` or `; `).
    pub fn message(&self, language: Language) -> String {
        let separator = match language {
            Language::Chinese => "；",
            Language::English => "; ",
        };
        if !self.problems().is_empty() {
            // As many problems as fit the bound, then how many more there are: the
            // count is always seen.
            let (mut joined, mut length, mut shown) = (String::new(), 0, 0);
            for message in self.problems().iter().map(|problem| problem.message(language)) {
                let added = message.chars().count() + if shown == 0 { 0 } else { separator.chars().count() };
                if shown > 0 && length + added > super::MAX_DETAIL {
                    break;
                }
                if shown > 0 {
                    joined.push_str(separator);
                }
                joined.push_str(&message);
                (length, shown) = (length + added, shown + 1);
            }
            let mut joined = super::bounded(joined, super::MAX_DETAIL);
            let more = self.problems().len() - shown + self.omitted_problems;
            if more > 0 {
                joined = match language {
                    Language::Chinese => format!("{joined}{separator}另有{more}个问题"),
                    Language::English => format!("{joined}{separator}and {more} more"),
                };
            }
            return joined;
        }
        match language {
            Language::Chinese => self.chinese(),
            Language::English => self.english(),
        }
    }

    fn chinese(&self) -> String {
        let parameter = || match self.path() {
            "" => "请求".to_owned(),
            path => parameter(path),
        };
        match self.kind() {
            ErrorKind::NotFound | ErrorKind::OrganizationMismatch => NOT_FOUND_ZH.to_owned(),
            ErrorKind::Unauthenticated => UNAUTHENTICATED_ZH.to_owned(),
            ErrorKind::ServiceFailure => SERVICE_FAILURE_ZH.to_owned(),
            ErrorKind::InvalidParameter => format!("{}参数错误", parameter()),
            ErrorKind::Duplicate => format!("你已经有相同{}的{}", parameter(), entity(self.path())),
            ErrorKind::InvalidSettings => {
                format!("{}：{}", ErrorKind::InvalidSettings.reason_zh(), parameter())
            }
            kind => format!("{}参数错误：{}", parameter(), kind.reason_zh()),
        }
    }

    fn english(&self) -> String {
        let detail = match self.kind() {
            ErrorKind::NotFound | ErrorKind::OrganizationMismatch => return NOT_FOUND_EN.to_owned(),
            ErrorKind::Unauthenticated => return UNAUTHENTICATED_EN.to_owned(),
            ErrorKind::ServiceFailure => return SERVICE_FAILURE_EN.to_owned(),
            ErrorKind::CustomerMismatch => "the customer is not the opportunity's customer",
            _ => self.detail(),
        };
        Joined(self.path(), detail).to_string()
    }
}

/// A path and a detail as messages write them: `path: detail`, or the detail alone for
/// an error about the whole input.
pub(super) struct Joined<'a>(pub(super) &'a str, pub(super) &'a str);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(path, detail) = *self;
        if path.is_empty() { f.write_str(detail) } else { write!(f, "{path}: {detail}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(error: &Error) -> (String, String) {
        (error.message(Language::Chinese), error.message(Language::English))
    }

    #[test]
    fn a_record_not_found_and_another_companys_read_alike_whatever_their_path() {
        let mismatch = Error::new(
            ErrorKind::OrganizationMismatch,
            "opportunity.organization_id",
            "the opportunity belongs to company 50, not to the user's company 49",
        );
        let missing = Error::not_found("opportunity 5 does not exist");
        assert_eq!(both(&mismatch), both(&missing));
        assert_eq!(mismatch.message(Language::Chinese), "您没有权限查看该对象或该对象不存在。");
        assert_eq!(
            mismatch.to_string(),
            "opportunity.organization_id: the opportunity belongs to company 50, not to the user's company 49"
        );
    }

    #[test]
    fn a_customer_mismatch_names_neither_customer() {
        let error = Error::new(ErrorKind::CustomerMismatch, "customer.id", "customer 1 is not (23481906)");
        assert_eq!(
            both(&error),
            (
                "customer.id参数错误：客户不是该商机的客户".to_owned(),
                "customer.id: the customer is not the opportunity's customer".to_owned()
            )
        );
    }

    /// Every field kind's reason, spelled out: a kind that loses its own falls to
    /// `取值无效` and a reader learns less.
    #[test]
    fn each_kind_of_field_problem_has_its_reason() {
        let reasons = [
            (ErrorKind::MalformedJson, "不是有效的JSON"),
            (ErrorKind::InvalidUtf8, "不是有效的UTF-8文本"),
            (ErrorKind::MissingField, "不能为空"),
            (ErrorKind::WrongType, "类型错误"),
            (ErrorKind::DateFormat, "日期格式错误"),
            (ErrorKind::ImpossibleDate, "日期不存在"),
            (ErrorKind::InvalidAmount, "金额无效"),
            (ErrorKind::CustomerMismatch, "客户不是该商机的客户"),
            (ErrorKind::Overflow, "金额超出范围"),
            (ErrorKind::InputTooLarge, "内容超过长度限制"),
            (ErrorKind::InvalidSettings, "公司设置无效"),
            (ErrorKind::InvalidValue, "取值无效"),
        ];
        for (kind, reason) in reasons {
            assert_eq!(kind.reason_zh(), reason, "{kind}");
        }
        assert_eq!(
            (Language::Chinese.to_string(), Language::English.to_string()),
            ("zh".into(), "en".into())
        );
    }

    #[test]
    fn chinese_messages_follow_ikcrms_patterns() {
        assert_eq!(Error::invalid_parameter("device", "is web").message(Language::Chinese), "device参数错误");
        assert_eq!(
            Error::duplicate("contract.sn", "HT-1 is taken").message(Language::Chinese),
            "你已经有相同合同编号的合同"
        );
        assert_eq!(
            Error::unauthenticated("no token").message(Language::Chinese),
            "您的登录已经过期,请重新登录!"
        );
        assert_eq!(
            Error::new(ErrorKind::MalformedJson, "", "EOF while parsing").message(Language::Chinese),
            "请求参数错误：不是有效的JSON"
        );
        assert_eq!(
            Error::new(ErrorKind::InvalidSettings, "total", "x").message(Language::Chinese),
            "公司设置无效：total"
        );
    }

    #[test]
    fn the_services_own_failures_withhold_their_detail() {
        let error = Error::service_failure("the database is locked");
        assert_eq!(both(&error), (SERVICE_FAILURE_ZH.to_owned(), SERVICE_FAILURE_EN.to_owned()));
        assert_eq!(error.to_string(), "the database is locked");
    }

    #[test]
    fn other_kinds_tell_the_caller_in_english_what_the_log_reads() {
        for &kind in ErrorKind::ALL {
            let error = Error::new(kind, "opportunity.id", "the detail");
            let withheld = matches!(
                kind,
                ErrorKind::CustomerMismatch
                    | ErrorKind::OrganizationMismatch
                    | ErrorKind::NotFound
                    | ErrorKind::Unauthenticated
                    | ErrorKind::ServiceFailure
            );
            assert_eq!(error.message(Language::English) == error.to_string(), !withheld, "{kind}");
        }
    }

    #[test]
    fn several_problems_are_joined_in_the_language() {
        let error = Error::all(vec![
            Error::new(ErrorKind::MissingField, "contract.title", "is required"),
            Error::new(ErrorKind::MissingField, "contract.sn", "is required"),
        ])
        .unwrap_err();
        assert_eq!(
            both(&error),
            (
                "合同标题参数错误：不能为空；合同编号参数错误：不能为空".to_owned(),
                "contract.title: is required; contract.sn: is required".to_owned()
            )
        );
        // Problems beyond those kept are counted, in the language.
        let many = (0..crate::MAX_PROBLEMS + 2)
            .map(|index| Error::new(ErrorKind::MissingField, format!("contract.k{index}"), "is required"))
            .collect();
        let (chinese, english) = both(&Error::all(many).unwrap_err());
        let shown = |message: &str, separator| message.matches(separator).count();
        let more = crate::MAX_PROBLEMS + 2 - shown(&chinese, "；");
        assert!(chinese.ends_with(&format!("；另有{more}个问题")), "{chinese}");
        assert!(
            english.ends_with(&format!("; and {} more", crate::MAX_PROBLEMS + 2 - shown(&english, "; "))),
            "{english}"
        );
        assert!(chinese.chars().count() < 600 && english.chars().count() < 600);
    }

    #[test]
    fn languages_read_from_their_tags() {
        for language in [Language::Chinese, Language::English] {
            assert_eq!(language.tag().parse(), Ok(language));
        }
        assert_eq!(Language::default(), Language::Chinese);
        let error = "fr\u{1b}".parse::<Language>().unwrap_err();
        assert_eq!(error.to_string(), r#""fr\u{1b}" is not a language: zh or en"#);
    }
}
