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

use crate::approval::ApproveStatus;
use crate::error::{Error, ErrorKind};

/// A received payment (回款): its amount and approval status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// The amount paid.
    pub amount: Decimal,
    /// Where the payment is in approval.
    pub approve_status: ApproveStatus,
}

/// The six receivable fields of a contract.
///
/// ```
/// use contract_draft::{ApproveStatus, Payment, Receivables};
/// use rust_decimal::Decimal;
///
/// let total = Decimal::from(200_000);
/// let paid = Payment { amount: Decimal::from(1_000), approve_status: ApproveStatus::Approved };
/// let receivables = Receivables::compute(total, &[total], &[paid])?;
/// assert_eq!(receivables.unreceived_amount, Decimal::from(199_000));
/// assert_eq!(receivables.unchecking_payments_amount, total);
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Receivables {
    /// How many payment plans there are.
    pub received_payments_plan_count: u32,
    /// The sum of the payment plans.
    pub received_payments_plan_amount: Decimal,
    /// The sum of approved payments.
    pub received_payments_amount: Decimal,
    /// The sum of payments in approval.
    pub checking_payments_amount: Decimal,
    /// `total − received`: negative when the contract is overpaid.
    pub unreceived_amount: Decimal,
    /// `total − checking`.
    pub unchecking_payments_amount: Decimal,
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

    /// The receivables of a contract of `total` with these payment plans (their amounts)
    /// and received payments.
    ///
    /// Exact decimal arithmetic throughout. Fails with [`ErrorKind::Overflow`] only when a
    /// sum or difference does not fit a decimal, which amounts within the stored
    /// precision (18 integer digits) never reach. An overpaid contract is not an error:
    /// its `unreceived_amount` is negative.
    pub fn compute(total: Decimal, plans: &[Decimal], payments: &[Payment]) -> Result<Self, Error> {
        let mut receivables = Self::unpaid(total);
        for (index, plan) in plans.iter().enumerate() {
            receivables
                .add_plan(*plan)
                .ok_or_else(|| overflow("received_payment_plans", index))?;
        }
        for (index, payment) in payments.iter().enumerate() {
            receivables
                .add_payment(*payment)
                .ok_or_else(|| overflow("received_payments", index))?;
        }
        Ok(receivables)
    }

    fn add_plan(&mut self, amount: Decimal) -> Option<()> {
        self.received_payments_plan_count = self.received_payments_plan_count.checked_add(1)?;
        self.received_payments_plan_amount =
            self.received_payments_plan_amount.checked_add(amount)?;
        Some(())
    }

    fn add_payment(&mut self, payment: Payment) -> Option<()> {
        let (sum, rest) = match payment.approve_status {
            ApproveStatus::Approved => (
                &mut self.received_payments_amount,
                &mut self.unreceived_amount,
            ),
            ApproveStatus::Applying => (
                &mut self.checking_payments_amount,
                &mut self.unchecking_payments_amount,
            ),
            ApproveStatus::Draft | ApproveStatus::Rejected => return Some(()),
        };
        *sum = sum.checked_add(payment.amount)?;
        *rest = rest.checked_sub(payment.amount)?;
        Some(())
    }
}

fn overflow(list: &str, index: usize) -> Error {
    Error::new(
        ErrorKind::Overflow,
        format!("{list}[{index}].amount"),
        "the sum does not fit a decimal",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payment(amount: i64, approve_status: ApproveStatus) -> Payment {
        Payment {
            amount: Decimal::from(amount),
            approve_status,
        }
    }

    #[test]
    fn the_published_contract() {
        let total = Decimal::from(200_000);
        let receivables =
            Receivables::compute(total, &[total], &[payment(1_000, ApproveStatus::Approved)])
                .unwrap();
        assert_eq!(receivables.received_payments_plan_count, 1);
        assert_eq!(receivables.received_payments_plan_amount, total);
        assert_eq!(receivables.received_payments_amount, Decimal::from(1_000));
        assert_eq!(receivables.unreceived_amount, Decimal::from(199_000));
        assert_eq!(receivables.checking_payments_amount, Decimal::ZERO);
        assert_eq!(receivables.unchecking_payments_amount, total);
    }

    #[test]
    fn each_status_counts_in_its_place() {
        let total = Decimal::from(100);
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
        let receivables = Receivables::compute(
            Decimal::from(100),
            &[],
            &[payment(150, ApproveStatus::Approved)],
        )
        .unwrap();
        assert_eq!(receivables.unreceived_amount, Decimal::from(-50));
    }

    #[test]
    fn overflow_is_an_error_naming_the_entry() {
        let error =
            Receivables::compute(Decimal::ZERO, &[Decimal::MAX, Decimal::MAX], &[]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Overflow);
        assert_eq!(error.path(), "received_payment_plans[1].amount");
    }
}
