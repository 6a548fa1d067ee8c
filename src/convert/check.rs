//! The checks of the checked entry point: the values a typed record can hold but the
//! JSON reader refuses, and that the three records belong together.

use crate::convert::report::{Findings, Note};
use crate::error::{Error, ErrorKind};
use crate::money::check_amount;
use crate::records::{Customer, Opportunity, User};
use crate::settings::CompanyCheck;

/// Checks what [`Converter::convert`](crate::Converter::convert) trusts:
/// - the opportunity's amounts (its own and its product lines') and percentage are in
///   their domains (records built in Rust bypass the JSON reader's checks);
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
    let amount = |path: &dyn Fn() -> String, value| {
        check_amount(value).map(drop).map_err(|problem| {
            Error::new(ErrorKind::InvalidAmount, path(), format_args!("the amount {problem}"))
        })
    };
    amount(&|| "opportunity.expect_amount".into(), opportunity.expect_amount)?;
    for (index, line) in opportunity.product_assets.iter().enumerate() {
        let field = |name: &'static str| move || format!("opportunity.product_assets[{index}].{name}");
        amount(&field("quantity"), line.quantity)?;
        amount(&field("recommended_unit_price"), line.recommended_unit_price)?;
        if let Some(list_price) = line.standard_unit_price {
            amount(&field("standard_unit_price"), list_price)?;
        }
    }
    if let Some(percent) = opportunity.sign_possibility.filter(|percent| *percent > 100) {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            "opportunity.sign_possibility",
            format_args!("{percent}% is above 100%"),
        ));
    }
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
            findings.note(Note::CompanyUnverified { record });
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::records::ProductLine;

    fn records() -> (Opportunity, Customer, User) {
        let bundle = crate::Bundle::from_json(include_bytes!("../../fixtures/bundle.json")).unwrap();
        (bundle.opportunity, bundle.customer, bundle.user)
    }

    fn check(opportunity: &Opportunity, customer: &Customer, mode: CompanyCheck) -> Result<Vec<Note>, Error> {
        let (.., user) = records();
        let mut findings = Findings::default();
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
    fn values_built_in_rust_are_checked_like_json() {
        let (mut opportunity, ..) = records();
        opportunity.expect_amount = Decimal::new(-1, 0);
        assert_eq!(problem(&opportunity), (ErrorKind::InvalidAmount, "opportunity.expect_amount".into()));
        let (mut opportunity, ..) = records();
        opportunity.sign_possibility = Some(101);
        assert_eq!(problem(&opportunity), (ErrorKind::InvalidValue, "opportunity.sign_possibility".into()));
        let (mut opportunity, ..) = records();
        let line = ProductLine { quantity: Decimal::new(1, 7), ..ProductLine::default() };
        opportunity.product_assets = vec![ProductLine::default(), line];
        assert_eq!(
            problem(&opportunity),
            (ErrorKind::InvalidAmount, "opportunity.product_assets[1].quantity".into())
        );
    }
}
