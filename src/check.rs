//! The checks of the checked entry point: the values a typed record can hold but the
//! JSON reader refuses, and that the three records belong together.

use crate::error::{Error, ErrorKind};
use crate::money::check_amount;
use crate::records::{Customer, Opportunity, User};

/// Checks what [`Converter::convert`](crate::Converter::convert) trusts:
/// - the opportunity's amounts (its own and its product lines') and percentage are in
///   their domains (records built in Rust bypass the JSON reader's checks);
/// - the customer is the opportunity's customer;
/// - the opportunity and the customer belong to the user's company. A record's company
///   is its creator's, so both records must have their `creator`.
pub(crate) fn check_records(
    opportunity: &Opportunity,
    customer: &Customer,
    user: &User,
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
    let companies = [("opportunity", opportunity.creator.as_ref()), ("customer", customer.creator.as_ref())];
    for (record, creator) in companies {
        let Some(creator) = creator else {
            return Err(Error::new(
                ErrorKind::MissingField,
                format!("{record}.creator"),
                "is required to check that the record belongs to the user's company",
            ));
        };
        if creator.organization_id != user.organization_id {
            return Err(Error::new(
                ErrorKind::OrganizationMismatch,
                format!("{record}.creator.organization_id"),
                format_args!(
                    "the {record} belongs to company {}, not to the user's company {}",
                    creator.organization_id, user.organization_id
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::records::ProductLine;

    fn records() -> (Opportunity, Customer, User) {
        let bundle = crate::Bundle::from_json(include_bytes!("../fixtures/bundle.json")).unwrap();
        (bundle.opportunity, bundle.customer, bundle.user)
    }

    fn problem(opportunity: &Opportunity) -> (ErrorKind, String) {
        let (_, customer, user) = records();
        let error = check_records(opportunity, &customer, &user).unwrap_err();
        (error.kind(), error.path().to_owned())
    }

    #[test]
    fn the_sample_passes() {
        let (opportunity, customer, user) = records();
        assert_eq!(check_records(&opportunity, &customer, &user), Ok(()));
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
