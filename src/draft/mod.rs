//! The contract draft: the `data` object of the documented response.

mod approve_status;
mod custom_fields;
mod date_span;
mod empty;
mod product_line;
mod write;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

pub use approve_status::ApproveStatus;
pub use custom_fields::{CustomFields, FieldValue};
pub use date_span::DateSpan;
pub use empty::{EmptyList, EmptyRecord};
pub use product_line::{NewProductLine, ProductsSummary};

use crate::records::{Customer, Opportunity, User};

/// The data of a new contract, pre-filled from an opportunity: the 57 keys of the
/// documented draft in their documented order and encodings, then the company's custom
/// fields.
///
/// Made by [`contract_from_opportunity`](crate::contract_from_opportunity) or a
/// [`Converter`](crate::Converter); serialize it (with `serde_json`) to get the documented
/// JSON. Encodings worth knowing: `total_amount` is a Ruby decimal string (`"19800.0"`);
/// the receivable amounts are JSON numbers (`19800.0`), exact up to 15 significant
/// digits (see docs/ENCODINGS.md, "Numbers as Ruby writes them"); absent dates are `""`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ContractDraft {
    /// 0: the contract is not saved yet.
    pub id: u64,
    /// Category option id.
    pub category: String,
    /// Category text.
    pub category_mapped: String,
    /// Payment type option id.
    pub payment_type: String,
    /// Payment type text.
    pub payment_type_mapped: String,
    /// Status option id.
    pub status: String,
    /// Status text.
    pub status_mapped: String,
    /// Whether the user may edit the contract.
    pub is_editable: bool,
    /// The company of the user who creates the draft.
    pub organization_id: u64,
    /// The contract's title.
    pub title: String,
    /// The contract's total, a Ruby decimal string.
    pub total_amount: Decimal,
    /// The first day of the contract, `""` when unknown.
    pub start_at: Option<NaiveDate>,
    /// The last day of the contract, `""` when unknown.
    pub end_at: Option<NaiveDate>,
    /// Who signs for the customer.
    pub customer_signer: String,
    /// Whether phone numbers in the draft are hidden from the user.
    pub need_hidden_dispose: bool,
    /// When to remind of a visit, `""` when not set.
    pub revisit_remind_at: Option<NaiveDate>,
    /// How many payment plans (回款计划) the contract has.
    pub received_payments_plan_count: u32,
    /// The sum of the payment plans: the integer `0` when zero, else a Ruby decimal string.
    pub received_payments_plan_amount: Decimal,
    /// The term, `"<start_at> - <end_at>"`.
    pub times_display: DateSpan,
    /// Approved payments received, a JSON number.
    pub received_payments_amount: Decimal,
    /// `total_amount − received_payments_amount`, a JSON number.
    pub unreceived_amount: Decimal,
    /// `total_amount − checking_payments_amount`, a JSON number.
    pub unchecking_payments_amount: Decimal,
    /// Payments in approval, a JSON number.
    pub checking_payments_amount: Decimal,
    /// The day the contract is signed, `""` when not yet.
    pub sign_date: Option<NaiveDate>,
    /// The term again, `"<start_at> - <end_at>"`.
    pub times: DateSpan,
    /// The contract number.
    pub sn: String,
    /// The approval status, `""` before the contract is sent for approval.
    pub approve_status: Option<ApproveStatus>,
    /// The approval status in words, `null` before the contract is sent for approval.
    pub approve_status_i18n: Option<&'static str>,
    /// Why approval was denied, 0 for not denied.
    pub approve_deny_type: u32,
    /// Attachments: none in a new draft.
    pub all_attachments: EmptyList,
    /// The attachments in words.
    pub attachments: &'static str,
    /// The department that owns the contract: none yet.
    pub owned_department: EmptyRecord,
    /// Whether the user owns the contract.
    pub is_own: bool,
    /// Whether the user's assistant policy applies.
    pub is_has_policy_for_assist_user: bool,
    /// The previous owner: none.
    pub before_user: EmptyRecord,
    /// Whether the user assists on the contract.
    pub is_my_assist_entity: bool,
    /// The opportunity's product lines, offered for the new contract.
    pub product_assets_for_new_record: Vec<NewProductLine>,
    /// Who signs for the company.
    pub our_signer: String,
    /// Special terms, `"0"` for none.
    pub special_terms: &'static str,
    /// When the contract was created, `""` before it is saved.
    pub created_at: Option<NaiveDateTime>,
    /// When the contract was last changed, `""` before it is saved.
    pub updated_at: Option<NaiveDateTime>,
    /// The products in words.
    pub product_assets: ProductsSummary,
    /// The previous owning department: none.
    pub before_owned_department: EmptyRecord,
    /// Who created the contract: nobody yet.
    pub creator: EmptyRecord,
    /// The user who creates the draft, as the documented draft embeds it.
    pub user: User,
    /// The opportunity the draft is made from, as the documented draft embeds it.
    pub opportunity: Opportunity,
    /// The opportunity's customer, as the documented draft embeds it.
    pub customer: Customer,
    /// Whether the contract can be sent for approval.
    pub can_approve: bool,
    /// Whether the user can approve the current step.
    pub step_can_approve: bool,
    /// The current approval step, 0 before approval starts.
    pub step: u32,
    /// Users to notify of the approval: none yet.
    pub notify_users: EmptyList,
    /// Whether the user can withdraw the approval request.
    pub can_revert_applying: bool,
    /// How many approval steps the contract needs.
    pub need_approve_step: u32,
    /// How many attachments the contract has.
    pub attachments_count: u32,
    /// How many file attachments the contract has.
    pub file_attachments_count: u32,
    /// Whether the user is the contract's owner.
    pub is_user_self: bool,
    /// The custom-field template as the draft embeds it: `{}`.
    pub custom_field_template: EmptyRecord,
    /// The company's custom contract fields, last.
    pub custom_fields: CustomFields,
}

impl ContractDraft {
    /// A draft holding these records, every other field empty, for the conversion to
    /// fill (`Converter::fill`, which sets each one).
    pub(crate) fn holding(opportunity: Opportunity, customer: Customer, user: User) -> Self {
        Self {
            id: 0,
            category: String::new(),
            category_mapped: String::new(),
            payment_type: String::new(),
            payment_type_mapped: String::new(),
            status: String::new(),
            status_mapped: String::new(),
            is_editable: false,
            organization_id: 0,
            title: String::new(),
            total_amount: Decimal::ZERO,
            start_at: None,
            end_at: None,
            customer_signer: String::new(),
            need_hidden_dispose: false,
            revisit_remind_at: None,
            received_payments_plan_count: 0,
            received_payments_plan_amount: Decimal::ZERO,
            times_display: DateSpan::default(),
            received_payments_amount: Decimal::ZERO,
            unreceived_amount: Decimal::ZERO,
            unchecking_payments_amount: Decimal::ZERO,
            checking_payments_amount: Decimal::ZERO,
            sign_date: None,
            times: DateSpan::default(),
            sn: String::new(),
            approve_status: None,
            approve_status_i18n: None,
            approve_deny_type: 0,
            all_attachments: EmptyList,
            attachments: "",
            owned_department: EmptyRecord,
            is_own: false,
            is_has_policy_for_assist_user: false,
            before_user: EmptyRecord,
            is_my_assist_entity: false,
            product_assets_for_new_record: Vec::new(),
            our_signer: String::new(),
            special_terms: "",
            created_at: None,
            updated_at: None,
            product_assets: ProductsSummary(0),
            before_owned_department: EmptyRecord,
            creator: EmptyRecord,
            user,
            opportunity,
            customer,
            can_approve: false,
            step_can_approve: false,
            step: 0,
            notify_users: EmptyList,
            can_revert_applying: false,
            need_approve_step: 0,
            attachments_count: 0,
            file_attachments_count: 0,
            is_user_self: false,
            custom_field_template: EmptyRecord,
            custom_fields: CustomFields::default(),
        }
    }
}
