//! Every public type can cross threads (a converter is shared by the workers of a bulk
//! job), as semver's `test_autotrait.rs` checks.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    use contract_draft::*;
    assert_send_sync::<Address>();
    assert_send_sync::<ApprovalSettings>();
    assert_send_sync::<ApproveStatus>();
    assert_send_sync::<Bundle>();
    assert_send_sync::<CompanySettings>();
    assert_send_sync::<Contact>();
    assert_send_sync::<ContractDraft>();
    assert_send_sync::<ContractField>();
    assert_send_sync::<receivables::ContractPayments>();
    assert_send_sync::<Conversion>();
    assert_send_sync::<Converter>();
    assert_send_sync::<CustomFields>();
    assert_send_sync::<CustomValues>();
    assert_send_sync::<Customer>();
    assert_send_sync::<DateSpan>();
    assert_send_sync::<Envelope<ContractDraft>>();
    assert_send_sync::<Error>();
    assert_send_sync::<ErrorEnvelope>();
    assert_send_sync::<ErrorKind>();
    assert_send_sync::<FieldKind>();
    assert_send_sync::<FieldMapping>();
    assert_send_sync::<FieldValue>();
    assert_send_sync::<JsonStyle>();
    assert_send_sync::<lines::LinesOptions>();
    assert_send_sync::<lines::LinesSummary>();
    assert_send_sync::<NewProductLine>();
    assert_send_sync::<Note>();
    assert_send_sync::<Opportunity>();
    assert_send_sync::<receivables::Payment>();
    assert_send_sync::<receivables::PaymentPlan>();
    assert_send_sync::<ProductLine>();
    assert_send_sync::<ProductsSummary>();
    assert_send_sync::<receivables::Receivables>();
    assert_send_sync::<RubyDecimal>();
    assert_send_sync::<TotalSource>();
    assert_send_sync::<User>();
    assert_send_sync::<plans::ScheduleRequest>();
    assert_send_sync::<plans::PlanSchedule>();
    assert_send_sync::<plans::Terms>();
    assert_send_sync::<submit::ContractForm>();
    assert_send_sync::<submit::CreateRequest>();
    assert_send_sync::<submit::RequestLine<'static>>();
    assert_send_sync::<submit::SavedContract<'static>>();
}
