//! The receivables engine (应收): what a contract's payment plans (回款计划) and received
//! payments (回款) leave to be paid.
//!
//! The rules are the ones every published contract follows:
//! - `received` is the sum of [`Approved`](ApproveStatus::Approved) payments and
//!   `checking` the sum of payments in approval ([`Applying`](ApproveStatus::Applying));
//!   draft and rejected payments count nowhere;
//! - `unreceived = total − received` and `unchecking = total − checking`;
//! - `plan_count` and `plan_amount` are the number and sum of the payment plans.
//!
//! A new contract is the case with no plans and no payments: [`Receivables::unpaid`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::draft::ApproveStatus;
use crate::encoding::reader::read_json;
use crate::encoding::record::Required;
use crate::error::{Error, ErrorKind};
use crate::money::{Amount, exact_add, exact_sub};

/// A received payment (回款): its amount and approval status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Payment {
    /// The amount paid, in any accepted amount encoding.
    pub amount: Amount,
    /// Where the payment is in approval.
    pub approve_status: ApproveStatus,
}

/// A payment plan (回款计划): an amount due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PaymentPlan {
    /// The amount planned, in any accepted amount encoding.
    pub amount: Amount,
}

/// A contract's total with its payment plans and received payments: the input of
/// [`Receivables::compute`] as JSON.
///
/// ```
/// use contract_draft::receivables::ContractPayments;
///
/// let payments = ContractPayments::from_json(br#"{
///     "total_amount": "200000.0",
///     "received_payment_plans": [{"amount": "200000.0"}],
///     "received_payments": [{"amount": 1000, "approve_status": "approved"}]
/// }"#)?;
/// let receivables = payments.receivables()?;
/// assert_eq!(
///     serde_json::to_string(&receivables).unwrap(),
///     r#"{"received_payments_plan_count":1,"received_payments_plan_amount":"200000.0","received_payments_amount":"1000.0","unreceived_amount":199000.0,"unchecking_payments_amount":200000.0,"checking_payments_amount":"0.0"}"#
/// );
/// # Ok::<(), contract_draft::Error>(())
/// ```
///
/// Unknown keys are ignored at every level, as in the records, so that a contract-detail
/// response can be fed in as it is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ContractPayments {
    /// The contract's total.
    pub total_amount: Amount,
    /// Its payment plans (`null` reads as none).
    #[serde(
        default,
        deserialize_with = "crate::encoding::record::list::<_, _, { crate::limits::MAX_PAYMENTS }>"
    )]
    pub received_payment_plans: Vec<PaymentPlan>,
    /// Its received payments (`null` reads as none).
    #[serde(
        default,
        deserialize_with = "crate::encoding::record::list::<_, _, { crate::limits::MAX_PAYMENTS }>"
    )]
    pub received_payments: Vec<Payment>,
}

impl Payment {
    /// A payment of `amount`, at `approve_status` in approval.
    pub const fn new(amount: Amount, approve_status: ApproveStatus) -> Self {
        Self { amount, approve_status }
    }
}

impl PaymentPlan {
    /// A plan of `amount`.
    pub const fn new(amount: Amount) -> Self {
        Self { amount }
    }
}

impl ContractPayments {
    /// A contract of `total` with no payment plans and no payments yet; push them onto
    /// its public lists.
    pub const fn new(total_amount: Amount) -> Self {
        Self { total_amount, received_payment_plans: Vec::new(), received_payments: Vec::new() }
    }

    /// Reads a contract's payments from JSON; errors name the field by its path.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        read_json::<Required<Self>>(json).map(|payments| payments.0)
    }

    /// The contract's receivables (see [`Receivables::compute`]).
    pub fn receivables(&self) -> Result<Receivables, Error> {
        Receivables::compute(self.total_amount, &self.received_payment_plans, &self.received_payments)
    }
}

/// The six receivable fields of a contract.
///
/// Serialized in the encodings of the contract-detail endpoint: the count an integer,
/// the sums Ruby decimal strings (`"1000.0"`), the differences JSON numbers
/// (`199000.0`, exact up to 15 significant digits). (A draft writes these fields in its
/// own encodings; see [`ContractDraft`](crate::ContractDraft).)
///
/// ```
/// use contract_draft::{Amount, ApproveStatus};
/// use contract_draft::receivables::{Payment, PaymentPlan, Receivables};
/// use contract_draft::rust_decimal::Decimal;
///
/// let total: Amount = "200000".parse()?;
/// let paid = Payment::new("1000".parse()?, ApproveStatus::Approved);
/// let receivables = Receivables::compute(total, &[PaymentPlan::new(total)], &[paid])?;
/// assert_eq!(receivables.unreceived_amount, Decimal::from(199_000));
/// assert_eq!(receivables.unchecking_payments_amount, total.get());
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Receivables {
    /// How many payment plans there are.
    pub received_payments_plan_count: u32,
    /// The sum of the payment plans.
    #[serde(serialize_with = "crate::encoding::amount::serialize")]
    pub received_payments_plan_amount: Decimal,
    /// The sum of approved payments.
    #[serde(serialize_with = "crate::encoding::amount::serialize")]
    pub received_payments_amount: Decimal,
    /// `total − received`: negative when the contract is overpaid.
    #[serde(serialize_with = "crate::encoding::float::serialize")]
    pub unreceived_amount: Decimal,
    /// `total − checking`.
    #[serde(serialize_with = "crate::encoding::float::serialize")]
    pub unchecking_payments_amount: Decimal,
    /// The sum of payments in approval.
    #[serde(serialize_with = "crate::encoding::amount::serialize")]
    pub checking_payments_amount: Decimal,
}

impl Receivables {
    /// A contract of `total` with no plans and no payments: nothing received, all of it
    /// unreceived. This is the engine's starting point, and the whole of a new draft.
    pub const fn unpaid(total: Decimal) -> Self {
        Self {
            received_payments_plan_count: 0,
            received_payments_plan_amount: Decimal::ZERO,
            received_payments_amount: Decimal::ZERO,
            checking_payments_amount: Decimal::ZERO,
            unreceived_amount: total,
            unchecking_payments_amount: total,
        }
    }

    /// The receivables of a contract of `total` with these payment plans and received
    /// payments.
    ///
    /// Exact decimal arithmetic throughout. Fails with [`ErrorKind::Overflow`] only when a
    /// sum or difference does not fit a decimal exactly (28 significant digits), which
    /// fewer than ten thousand amounts within the stored precision never reach. An overpaid contract is not an error:
    /// its `unreceived_amount` is negative.
    pub fn compute(total: Amount, plans: &[PaymentPlan], payments: &[Payment]) -> Result<Self, Error> {
        let mut receivables = Self::unpaid(total.get());
        for (index, plan) in plans.iter().enumerate() {
            receivables
                .add_plan(plan.amount.get())
                .ok_or_else(|| overflow("received_payment_plans", index))?;
        }
        for (index, payment) in payments.iter().enumerate() {
            receivables.add_payment(*payment).ok_or_else(|| overflow("received_payments", index))?;
        }
        Ok(receivables)
    }

    fn add_plan(&mut self, amount: Decimal) -> Option<()> {
        self.received_payments_plan_count = self.received_payments_plan_count.checked_add(1)?;
        self.received_payments_plan_amount = exact_add(self.received_payments_plan_amount, amount)?;
        Some(())
    }

    fn add_payment(&mut self, payment: Payment) -> Option<()> {
        let (sum, rest) = match payment.approve_status {
            ApproveStatus::Approved => (&mut self.received_payments_amount, &mut self.unreceived_amount),
            ApproveStatus::Applying => {
                (&mut self.checking_payments_amount, &mut self.unchecking_payments_amount)
            }
            ApproveStatus::Draft | ApproveStatus::Rejected => return Some(()),
        };
        *sum = exact_add(*sum, payment.amount.get())?;
        *rest = exact_sub(*rest, payment.amount.get())?;
        Some(())
    }
}

fn overflow(list: &str, index: usize) -> Error {
    Error::new(
        ErrorKind::Overflow,
        format!("{list}[{index}].amount"),
        "the sum does not fit a decimal exactly",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(value: i64) -> Amount {
        Amount::new(Decimal::from(value)).unwrap()
    }

    fn payment(value: i64, approve_status: ApproveStatus) -> Payment {
        Payment::new(amount(value), approve_status)
    }

    #[test]
    fn the_published_contract() {
        let total = amount(200_000);
        let receivables = Receivables::compute(
            total,
            &[PaymentPlan::new(total)],
            &[payment(1_000, ApproveStatus::Approved)],
        )
        .unwrap();
        assert_eq!(receivables.received_payments_plan_count, 1);
        assert_eq!(receivables.received_payments_plan_amount, total.get());
        assert_eq!(receivables.received_payments_amount, Decimal::from(1_000));
        assert_eq!(receivables.unreceived_amount, Decimal::from(199_000));
        assert_eq!(receivables.checking_payments_amount, Decimal::ZERO);
        assert_eq!(receivables.unchecking_payments_amount, total.get());
    }

    #[test]
    fn each_status_counts_in_its_place() {
        let total = amount(100);
        let payments = [
            payment(10, ApproveStatus::Approved),
            payment(20, ApproveStatus::Applying),
            payment(40, ApproveStatus::Draft),
            payment(80, ApproveStatus::Rejected),
            payment(5, ApproveStatus::Approved),
        ];
        let receivables = Receivables::compute(total, &[], &payments).unwrap();
        assert_eq!(receivables.received_payments_amount, Decimal::from(15));
        assert_eq!(receivables.unreceived_amount, Decimal::from(85));
        assert_eq!(receivables.checking_payments_amount, Decimal::from(20));
        assert_eq!(receivables.unchecking_payments_amount, Decimal::from(80));
        assert_eq!(receivables.received_payments_plan_count, 0);
    }

    #[test]
    fn overpaid_contracts_have_negative_unreceived() {
        let receivables =
            Receivables::compute(amount(100), &[], &[payment(150, ApproveStatus::Approved)]).unwrap();
        assert_eq!(receivables.unreceived_amount, Decimal::from(-50));
    }

    #[test]
    fn overflow_is_an_error_naming_the_entry() {
        // Ten thousand amounts always add up exactly; tens of thousands of the largest
        // need more than a decimal's 28 digits.
        let largest = PaymentPlan::new("999999999999999999.999999".parse().unwrap());
        let error = Receivables::compute(Amount::ZERO, &vec![largest; 100_000], &[]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Overflow);
        assert!(error.path().starts_with("received_payment_plans["), "{}", error.path());
        assert!(Receivables::compute(Amount::ZERO, &vec![largest; 10_000], &[]).is_ok());
    }
}
