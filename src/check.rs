//! The checks of the checked entry point: the values a typed record can hold but the
//! JSON reader refuses, and that the three records belong together.

use crate::error::{Error, ErrorKind};
use crate::money::check_amount;
use crate::records::{Customer, Opportunity, User};

/// Checks what [`Converter::convert`](crate::Converter::convert) trusts:
/// - the opportunity's amount and percentage are in their domains (records built in
///   Rust bypass the JSON reader's checks);
/// - the customer is the opportunity's customer;
/// - the opportunity and the customer belong to the user's company. A record's company
///   is its creator's, so both records must have their `creator`.
pub(crate) fn check_records(
    opportunity: &Opportunity,
    customer: &Customer,
    user: &User,
) -> Result<(), Error> {
    check_amount(opportunity.expect_amount).map_err(|problem| {
        Error::new(
            ErrorKind::InvalidAmount,
            "opportunity.expect_amount",
            format_args!("the amount {problem}"),
        )
    })?;
    if let Some(percent) = opportunity
        .sign_possibility
        .filter(|percent| *percent > 100)
    {
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
    let companies = [
        ("opportunity", opportunity.creator.as_ref()),
        ("customer", customer.creator.as_ref()),
    ];
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
