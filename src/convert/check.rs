//! The checks of the checked entry point: that the three records belong together.
//! (Their values need no check: an amount or percentage is checked where it is made.)

use crate::convert::report::{Findings, Note};
use crate::error::{Error, ErrorKind};
use crate::records::{Customer, Opportunity, User};
use crate::settings::CompanyCheck;

/// Checks what [`Converter::convert`](crate::Converter::convert) trusts:
/// - the customer is the opportunity's customer;
/// - the opportunity and the customer belong to the user's company (see
///   [`check_company`]).
pub(crate) fn check_records(
    opportunity: &Opportunity,
    customer: &Customer,
    user: &User,
    company_check: CompanyCheck,
    findings: &mut Findings,
) -> Result<(), Error> {
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
    let evidence = [
        ("opportunity", opportunity.creator.as_ref(), opportunity.organization_id),
        ("customer", customer.creator.as_ref(), customer.organization_id),
    ];
    for (record, creator, organization_id) in evidence {
        check_company(record, creator, organization_id, user, company_check, findings)?;
    }
    Ok(())
}

/// Checks that a record belongs to the user's company. A record tells its company by its
/// creator's `organization_id`, or by an `organization_id` of its own (list endpoints
/// send no creator). Either naming another company refuses the record; a record with
/// neither converts with a [`Note::CompanyUnverified`], unless the check is
/// [`CompanyCheck::Strict`], which requires the creator.
fn check_company(
    record: &'static str,
    creator: Option<&User>,
    organization_id: Option<u64>,
    user: &User,
    company_check: CompanyCheck,
    findings: &mut Findings,
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
}
