//! The checks of the checked entry point: that the three records belong together, and
//! that their dates are ones the draft can write. (Amounts and percentages need no
//! check: they are checked where they are made.)

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::convert::report::{Findings, Note};
use crate::encoding::timestamp::CHINA_TIME;
use crate::error::{Error, ErrorKind};
use crate::records::{Customer, Opportunity, User};
use crate::settings::CompanyCheck;

/// Checks what [`Converter::convert`](crate::Converter::convert) trusts, the company
/// first, so that a record of another company is refused as not found whatever else is
/// wrong with it (nothing else about it may reach the caller):
/// - the opportunity and the customer belong to the user's company (see
///   [`check_company`]);
/// - the records' dates and times are in the years 0001 to 9999 (times in China time),
///   which the draft's four-digit forms write and the reader takes (a record built in
///   Rust can hold any `chrono` value);
/// - the customer is the opportunity's customer.
pub(crate) fn check_records(
    opportunity: &Opportunity,
    customer: &Customer,
    user: &User,
    company_check: CompanyCheck,
    findings: &mut Findings,
) -> Result<(), Error> {
    let evidence = [
        ("opportunity", opportunity.creator.as_ref(), opportunity.organization_id),
        ("customer", customer.creator.as_ref(), customer.organization_id),
    ];
    // Both records' evidence first: another company's customer is not found, even when
    // the opportunity would fail the strict check.
    for (record, creator, organization_id) in evidence {
        check_evidence(record, creator, organization_id, user)?;
    }
    for (record, creator, organization_id) in evidence {
        check_company(record, creator, organization_id, company_check, findings)?;
    }
    check_years(opportunity, customer, user)?;
    if customer.id != opportunity.customer_id {
        return Err(Error::new(
            ErrorKind::CustomerMismatch,
            "customer.id",
            format_args!(
                "customer {} is not the opportunity's customer ({})",
                customer.id, opportunity.customer_id
            ),
        ));
    }
    Ok(())
}

/// Refuses a date or time outside the years 0001 to 9999 (a time's year in China time),
/// naming the first such field.
fn check_years(opportunity: &Opportunity, customer: &Customer, user: &User) -> Result<(), Error> {
    let day = |date: Option<NaiveDate>| date.map(|date| date.year());
    let time = |time: Option<NaiveDateTime>| time.map(|time| time.year());
    let created = |user: Option<&User>| time(user.and_then(|user| user.created_at));
    let years = [
        ("opportunity.get_time", day(opportunity.get_time)),
        ("opportunity.expect_sign_date", day(opportunity.expect_sign_date)),
        ("opportunity.created_at", time(opportunity.created_at)),
        ("opportunity.creator.created_at", created(opportunity.creator.as_ref())),
        ("customer.revisit_at", customer.revisit_at.map(|at| at.with_timezone(&CHINA_TIME).year())),
        ("customer.created_at", time(customer.created_at)),
        ("customer.updated_at", time(customer.updated_at)),
        ("customer.creator.created_at", created(customer.creator.as_ref())),
        ("user.created_at", time(user.created_at)),
    ];
    match years.into_iter().find(|(_, year)| year.is_some_and(|year| !(1..=9999).contains(&year))) {
        Some((path, Some(year))) => Err(Error::new(
            ErrorKind::InvalidValue,
            path,
            format_args!("year {year} is outside the years 0001 to 9999 (in China time)"),
        )),
        _ => Ok(()),
    }
}

/// Checks that a record belongs to the user's company, on evidence. A record tells its
/// company by its creator's `organization_id`, or by an `organization_id` of its own
/// (list endpoints send no creator). Either naming another company refuses the record.
fn check_evidence(
    record: &'static str,
    creator: Option<&User>,
    organization_id: Option<u64>,
    user: &User,
) -> Result<(), Error> {
    let evidence = [
        (creator.map(|creator| creator.organization_id), "creator.organization_id"),
        (organization_id, "organization_id"),
    ];
    for (company, field) in evidence {
        if let Some(company) = company.filter(|company| *company != user.organization_id) {
            return Err(Error::new(
                ErrorKind::OrganizationMismatch,
                format!("{record}.{field}"),
                format_args!(
                    "the {record} belongs to company {company}, not to the user's company {}",
                    user.organization_id
                ),
            ));
        }
    }
    Ok(())
}

/// With no evidence of another company ([`check_evidence`]): a record with neither a
/// creator nor an `organization_id` converts with a [`Note::CompanyUnverified`], unless
/// the check is [`CompanyCheck::Strict`], which requires the creator.
fn check_company(
    record: &'static str,
    creator: Option<&User>,
    organization_id: Option<u64>,
    company_check: CompanyCheck,
    findings: &mut Findings,
) -> Result<(), Error> {
    match (creator, company_check) {
        (Some(_), _) => Ok(()),
        (None, CompanyCheck::Strict) => Err(Error::new(
            ErrorKind::MissingField,
            format!("{record}.creator"),
            "is required to check that the record belongs to the user's company (company_check is strict)",
        )),
        (None, _) if organization_id.is_some() => Ok(()),
        (None, _) => {
            findings.note(|| Note::CompanyUnverified { record });
            Ok(())
        }
    }
}

/// For a bundle that does not read, the company evidence its JSON holds anyway: another
/// company's record is not found, whatever else is wrong with it, so a caller cannot
/// tell it from a missing one by its other fields. `None` when the JSON shows no other
/// company (or is not JSON): the reading error stands.
pub(crate) fn company_of_unread(json: &[u8]) -> Option<Error> {
    let probe: Probe = serde_json::from_slice(json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json)).ok()?;
    let company = probe.user.organization_id?;
    let evidence = [
        ("opportunity", "creator.organization_id", probe.opportunity.creator),
        ("opportunity", "organization_id", probe.opportunity.organization_id),
        ("customer", "creator.organization_id", probe.customer.creator),
        ("customer", "organization_id", probe.customer.organization_id),
    ];
    evidence.into_iter().find_map(|(record, field, other)| {
        other.filter(|other| *other != company).map(|other| {
            Error::new(
                ErrorKind::OrganizationMismatch,
                format!("{record}.{field}"),
                format_args!("the {record} belongs to company {other}, not to the user's company {company}"),
            )
        })
    })
}

/// What [`company_of_unread`] reads of a bundle: each record's company evidence, any
/// other value ignored, a value of any type taken as no evidence.
#[derive(Default, serde::Deserialize)]
struct Probe {
    #[serde(default)]
    opportunity: Side,
    #[serde(default)]
    customer: Side,
    #[serde(default)]
    user: Side,
}

/// A record's `organization_id` and its creator's.
#[derive(Default)]
struct Side {
    organization_id: Option<u64>,
    creator: Option<u64>,
}

impl<'de> serde::Deserialize<'de> for Side {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SideVisitor)
    }
}

struct SideVisitor;

impl<'de> serde::de::Visitor<'de> for SideVisitor {
    type Value = Side;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Side, A::Error> {
        let mut side = Side::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "organization_id" => side.organization_id = map.next_value::<AnyId>()?.0,
                "creator" => side.creator = map.next_value::<Side>()?.organization_id,
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(side)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Side, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Side::default())
    }

    fn visit_unit<E>(self) -> Result<Side, E> {
        Ok(Side::default())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Side, E> {
        Ok(Side::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Side, E> {
        Ok(Side::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Side, E> {
        Ok(Side::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Side, E> {
        Ok(Side::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Side, E> {
        Ok(Side::default())
    }
}

/// An id as the records' reader takes it (an integer, or its digits as a string); any
/// other value is no id, skipped without being kept (a long list costs nothing).
struct AnyId(Option<u64>);

impl<'de> serde::Deserialize<'de> for AnyId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyIdVisitor)
    }
}

struct AnyIdVisitor;

impl<'de> serde::de::Visitor<'de> for AnyIdVisitor {
    type Value = AnyId;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_u64<E>(self, id: u64) -> Result<AnyId, E> {
        Ok(AnyId(Some(id)))
    }
    fn visit_str<E>(self, digits: &str) -> Result<AnyId, E> {
        Ok(AnyId(digits.parse().ok()))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<AnyId, A::Error> {
        serde::de::IgnoredAny.visit_seq(seq).map(|_| AnyId(None))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<AnyId, A::Error> {
        serde::de::IgnoredAny.visit_map(map).map(|_| AnyId(None))
    }
    fn visit_unit<E>(self) -> Result<AnyId, E> {
        Ok(AnyId(None))
    }
    fn visit_bool<E>(self, _: bool) -> Result<AnyId, E> {
        Ok(AnyId(None))
    }
    fn visit_i64<E>(self, _: i64) -> Result<AnyId, E> {
        Ok(AnyId(None))
    }
    fn visit_f64<E>(self, _: f64) -> Result<AnyId, E> {
        Ok(AnyId(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> (Opportunity, Customer, User) {
        let bundle = crate::Bundle::from_json(include_bytes!("../../fixtures/bundle.json")).unwrap();
        (bundle.opportunity, bundle.customer, bundle.user)
    }

    fn check(opportunity: &Opportunity, customer: &Customer, mode: CompanyCheck) -> Result<Vec<Note>, Error> {
        let (.., user) = records();
        let mut findings = Findings::kept();
        check_records(opportunity, customer, &user, mode, &mut findings).map(|()| findings.notes)
    }

    fn problem(opportunity: &Opportunity) -> (ErrorKind, String) {
        let (_, customer, _) = records();
        let error = check(opportunity, &customer, CompanyCheck::Evidence).unwrap_err();
        (error.kind(), error.path().to_owned())
    }

    #[test]
    fn the_sample_passes() {
        let (opportunity, customer, _) = records();
        assert_eq!(check(&opportunity, &customer, CompanyCheck::Strict), Ok(vec![]));
    }

    #[test]
    fn a_company_is_refused_only_on_evidence_unless_strict() {
        let (mut opportunity, mut customer, _) = records();
        opportunity.creator = None;
        customer.creator = None;
        assert_eq!(
            check(&opportunity, &customer, CompanyCheck::Evidence),
            Ok(vec![
                Note::CompanyUnverified { record: "opportunity" },
                Note::CompanyUnverified { record: "customer" }
            ])
        );
        let strict = check(&opportunity, &customer, CompanyCheck::Strict).unwrap_err();
        assert_eq!((strict.kind(), strict.path()), (ErrorKind::MissingField, "opportunity.creator"));
        customer.organization_id = Some(49);
        assert_eq!(
            check(&opportunity, &customer, CompanyCheck::Evidence),
            Ok(vec![Note::CompanyUnverified { record: "opportunity" }])
        );
        opportunity.organization_id = Some(50);
        let other = check(&opportunity, &customer, CompanyCheck::Evidence).unwrap_err();
        assert_eq!(
            (other.kind(), other.path()),
            (ErrorKind::OrganizationMismatch, "opportunity.organization_id")
        );
        // A creator of the user's company does not outweigh the record's own word.
        let (mut opportunity, ..) = records();
        opportunity.organization_id = Some(50);
        assert_eq!(
            problem(&opportunity),
            (ErrorKind::OrganizationMismatch, "opportunity.organization_id".into())
        );
    }

    #[test]
    fn dates_outside_four_digit_years_are_refused() {
        let (mut opportunity, customer, _) = records();
        opportunity.expect_sign_date = NaiveDate::from_ymd_opt(12_345, 1, 1);
        let error = check(&opportunity, &customer, CompanyCheck::Evidence).unwrap_err();
        assert_eq!((error.kind(), error.path()), (ErrorKind::InvalidValue, "opportunity.expect_sign_date"));
        let (mut opportunity, mut customer, _) = records();
        opportunity.expect_sign_date = NaiveDate::from_ymd_opt(9999, 12, 31);
        assert!(check(&opportunity, &customer, CompanyCheck::Evidence).is_ok());
        customer.revisit_at = chrono::DateTime::parse_from_rfc3339("9999-12-31T20:00:00-12:00").ok();
        let error = check(&opportunity, &customer, CompanyCheck::Evidence).unwrap_err();
        assert_eq!(
            error.to_string(),
            "customer.revisit_at: year 10000 is outside the years 0001 to 9999 (in China time)"
        );
    }

    /// Nothing else about another company's record reaches the caller: its company is
    /// checked before its dates and its customer.
    #[test]
    fn another_companys_record_is_refused_before_anything_else_is_checked() {
        let (mut opportunity, mut customer, _) = records();
        opportunity.organization_id = Some(50);
        opportunity.expect_sign_date = NaiveDate::from_ymd_opt(12_345, 1, 1);
        customer.id = 1;
        let error = check(&opportunity, &customer, CompanyCheck::Evidence).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OrganizationMismatch);
    }

    /// Another company's customer is not found, even when the opportunity fails the
    /// strict check first in order.
    #[test]
    fn every_records_company_is_checked_before_the_strict_check() {
        let (mut opportunity, mut customer, _) = records();
        opportunity.creator = None;
        opportunity.organization_id = Some(49);
        customer.organization_id = Some(50);
        let error = check(&opportunity, &customer, CompanyCheck::Strict).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OrganizationMismatch);
    }
}
