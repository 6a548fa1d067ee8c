//! The receivables engine: the published relationships and its invariants.

use contract_draft::receivables::{ContractPayments, Payment, PaymentPlan, Receivables};
use contract_draft::strategy::amount;
use contract_draft::{Amount, ApproveStatus};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[test]
fn the_published_contract_through_json() {
    let payments = ContractPayments::from_json(
        br#"{"total_amount": "200000.0", "received_payment_plans": [{"amount": "200000.0"}],
            "received_payments": [{"amount": "1000.0", "approve_status": "approved"}]}"#,
    )
    .unwrap();
    let receivables = payments.receivables().unwrap();
    assert_eq!(receivables.received_payments_plan_count, 1);
    assert_eq!(receivables.received_payments_plan_amount, Decimal::from(200_000));
    assert_eq!(receivables.received_payments_amount, Decimal::from(1_000));
    assert_eq!(receivables.unreceived_amount, Decimal::from(199_000));
    assert_eq!(receivables.checking_payments_amount, Decimal::ZERO);
    assert_eq!(receivables.unchecking_payments_amount, Decimal::from(200_000));
}

/// Differences are Ruby Floats at any magnitude, negative ones included; lists may be
/// `null`.
fn status() -> impl Strategy<Value = ApproveStatus> {
    proptest::sample::select(vec![
        ApproveStatus::Approved,
        ApproveStatus::Applying,
        ApproveStatus::Draft,
        ApproveStatus::Rejected,
    ])
}

fn payment() -> impl Strategy<Value = Payment> {
    (amount(), status()).prop_map(|(amount, approve_status)| Payment::new(amount, approve_status))
}

/// Any decimal `rust_decimal` can hold, sign and scale included.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0_u32..=28)
        .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(lo, mid, hi, negative, scale))
}

proptest! {
    #[test]
    fn receivables_add_up(
        total in amount(),
        plans in proptest::collection::vec(amount().prop_map(PaymentPlan::new), 0..20),
        payments in proptest::collection::vec(payment(), 0..20),
    ) {
        let receivables = Receivables::compute(total, &plans, &payments).unwrap();
        let total = total.get();
        prop_assert_eq!(receivables.received_payments_amount + receivables.unreceived_amount, total);
        prop_assert_eq!(receivables.checking_payments_amount + receivables.unchecking_payments_amount, total);
        prop_assert_eq!(receivables.received_payments_plan_amount, plans.iter().map(|plan| plan.amount.get()).sum::<Decimal>());
        prop_assert_eq!(receivables.received_payments_plan_count as usize, plans.len());
        let sum_of = |status| payments.iter().filter(|p| p.approve_status == status).map(|p| p.amount.get()).sum::<Decimal>();
        prop_assert_eq!(receivables.received_payments_amount, sum_of(ApproveStatus::Approved));
        prop_assert_eq!(receivables.checking_payments_amount, sum_of(ApproveStatus::Applying));
    }

    #[test]
    fn any_input_gives_a_result_or_an_error_never_a_panic(
        total in any_decimal(),
        plans in proptest::collection::vec(any_decimal(), 0..8),
        amounts in proptest::collection::vec((any_decimal(), status()), 0..8),
    ) {
        // Decimals that are not amounts are refused where the amount is made.
        let amount = |value: Decimal| Amount::new(value).ok();
        let payments: Vec<Payment> = amounts
            .into_iter()
            .filter_map(|(value, approve_status)| Some(Payment::new(amount(value)?, approve_status)))
            .collect();
        let plans: Vec<PaymentPlan> = plans.into_iter().filter_map(|value| amount(value).map(PaymentPlan::new)).collect();
        if let Some(total) = amount(total) {
            let receivables = Receivables::compute(total, &plans, &payments).unwrap();
            prop_assert_eq!(receivables.received_payments_amount + receivables.unreceived_amount, total.get());
            let mut out = Vec::new();
            serde_json::to_writer(&mut out, &receivables).unwrap();
        }
    }
}

/// Found in review: after a payment that settles the total exactly, the zero left had a
/// scale the next subtraction did not keep, and was refused as an overflow.
#[test]
fn a_payment_beyond_a_settled_total_is_an_overpayment_not_an_overflow() {
    let paid = |amount: &str| Payment::new(amount.parse().unwrap(), ApproveStatus::Approved);
    let receivables =
        Receivables::compute("100.5".parse().unwrap(), &[], &[paid("100.5"), paid("1")]).unwrap();
    assert_eq!(receivables.unreceived_amount, Decimal::from(-1));
}
