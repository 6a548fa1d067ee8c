//! The conversion: an opportunity, its customer and the user who creates the contract
//! become a [`ContractDraft`]. Every rule of the mapping is one line of
//! [`Converter::convert`].

use std::sync::Arc;

use crate::approval::ApprovalSettings;
use crate::bundle::Bundle;
use crate::check::check_records;
use crate::custom_fields::CustomFields;
use crate::draft::{ContractDraft, DateSpan, EmptyList, EmptyRecord};
use crate::error::Error;
use crate::money::is_exact_as_f64;
use crate::receivables::Receivables;
use crate::records::{Customer, Opportunity, User};
use crate::report::{Conversion, Note};
use crate::settings::CompanySettings;

/// The attachments summary of a draft without attachments ("no attachments").
const NO_ATTACHMENTS: &str = "暂无附件";

/// The products summary of a draft without product lines ("no products").
const NO_PRODUCTS: &str = "暂无产品";

/// Makes contract drafts for one company: its settings, checked once and prepared for
/// converting many opportunities.
///
/// ```
/// use contract_draft::{Bundle, CompanySettings, Converter};
///
/// let settings = CompanySettings::from_json(include_bytes!("../fixtures/settings.json"))?;
/// let converter = Converter::new(&settings)?;
/// let bundle = Bundle::from_json(include_bytes!("../fixtures/bundle.json"))?;
/// let draft = converter.convert(&bundle.opportunity, &bundle.customer, &bundle.user);
/// assert_eq!(draft.need_approve_step, 1);
/// assert_eq!(draft.custom_fields.len(), 6);
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Converter {
    approval: ApprovalSettings,
    /// The custom fields of a draft before anything fills them, in output order.
    empty_custom_fields: CustomFields,
}

impl Converter {
    /// A converter for the company with these settings, which it checks first
    /// ([`CompanySettings::check`]).
    pub fn new(settings: &CompanySettings) -> Result<Self, Error> {
        settings.check()?;
        let fields = &settings.contract_fields;
        let values = fields
            .iter()
            .map(|field| (Arc::from(field.key.as_str()), field.kind.empty_value()));
        let displays_of = |kind| {
            fields
                .iter()
                .filter(move |field| field.kind == kind)
                .filter_map(|field| {
                    Some((Arc::from(field.display_key()?), field.kind.empty_display()?))
                })
        };
        let entries = values
            .chain(displays_of(crate::FieldKind::SingleSelect))
            .chain(displays_of(crate::FieldKind::MultiSelect))
            .collect();
        Ok(Self {
            approval: settings.approval,
            empty_custom_fields: CustomFields::from_entries(entries),
        })
    }

    /// Checks the records, then converts them (see [`Converter::convert`]) and reports
    /// what a person should know about the draft.
    ///
    /// Refuses, with an [`Error`] naming the field: an amount or percentage outside its
    /// domain; a customer that is not the opportunity's
    /// ([`CustomerMismatch`](crate::ErrorKind::CustomerMismatch)); an opportunity or
    /// customer whose creator belongs to another company than `user`
    /// ([`OrganizationMismatch`](crate::ErrorKind::OrganizationMismatch)), or that has no
    /// creator to tell its company by.
    pub fn convert_checked(
        &self,
        opportunity: &Opportunity,
        customer: &Customer,
        user: &User,
    ) -> Result<Conversion, Error> {
        check_records(opportunity, customer, user)?;
        let draft = self.convert(opportunity, customer, user);
        let numbers = [
            ("received_payments_amount", draft.received_payments_amount),
            ("unreceived_amount", draft.unreceived_amount),
            (
                "unchecking_payments_amount",
                draft.unchecking_payments_amount,
            ),
            ("checking_payments_amount", draft.checking_payments_amount),
        ];
        let notes = numbers
            .into_iter()
            .filter(|(_, exact)| !is_exact_as_f64(*exact))
            .map(|(field, exact)| Note::InexactNumber { field, exact })
            .collect();
        Ok(Conversion { draft, notes })
    }

    /// Reads a bundle (`{"opportunity": …, "customer": …, "user": …}`) from JSON and
    /// converts it with [`Converter::convert_checked`]: the whole path from input bytes
    /// to a draft, refusing bad input with an [`Error`] and never panicking.
    ///
    /// ```
    /// use contract_draft::{Converter, ErrorKind};
    ///
    /// let converter = Converter::default();
    /// let conversion = converter.convert_json(include_bytes!("../fixtures/bundle.json"))?;
    /// assert_eq!(conversion.draft.organization_id, 49);
    ///
    /// let error = converter.convert_json(br#"{"opportunity": []}"#).unwrap_err();
    /// assert_eq!((error.kind(), error.path()), (ErrorKind::WrongType, "opportunity"));
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    pub fn convert_json(&self, json: &[u8]) -> Result<Conversion, Error> {
        let bundle = Bundle::from_json(json)?;
        self.convert_checked(&bundle.opportunity, &bundle.customer, &bundle.user)
    }

    /// The draft of a new contract for `opportunity`, its `customer`, created by `user`.
    ///
    /// Total: it never fails and never panics. It trusts its inputs: that the customer
    /// is the opportunity's and that all three belong to the user's company.
    pub fn convert(
        &self,
        opportunity: &Opportunity,
        customer: &Customer,
        user: &User,
    ) -> ContractDraft {
        let total = opportunity.expect_amount;
        let receivables = Receivables::unpaid(total);
        let term = DateSpan {
            start: opportunity.expect_sign_date,
            end: None,
        };
        ContractDraft {
            id: 0,
            category: String::new(),
            category_mapped: String::new(),
            payment_type: String::new(),
            payment_type_mapped: String::new(),
            status: String::new(),
            status_mapped: String::new(),
            is_editable: true,
            organization_id: user.organization_id,
            title: opportunity.title.clone(),
            total_amount: total,
            start_at: term.start,
            end_at: term.end,
            customer_signer: String::new(),
            need_hidden_dispose: false,
            revisit_remind_at: None,
            received_payments_plan_count: receivables.received_payments_plan_count,
            received_payments_plan_amount: receivables.received_payments_plan_amount,
            times_display: term,
            received_payments_amount: receivables.received_payments_amount,
            unreceived_amount: receivables.unreceived_amount,
            unchecking_payments_amount: receivables.unchecking_payments_amount,
            checking_payments_amount: receivables.checking_payments_amount,
            sign_date: None,
            times: term,
            sn: String::new(),
            approve_status: None,
            approve_status_i18n: None,
            approve_deny_type: 0,
            all_attachments: EmptyList,
            attachments: NO_ATTACHMENTS,
            owned_department: EmptyRecord,
            is_own: true,
            is_has_policy_for_assist_user: false,
            before_user: EmptyRecord,
            is_my_assist_entity: false,
            product_assets_for_new_record: EmptyList,
            our_signer: String::new(),
            special_terms: "0",
            created_at: None,
            updated_at: None,
            product_assets: NO_PRODUCTS,
            before_owned_department: EmptyRecord,
            creator: EmptyRecord,
            user: user.clone(),
            opportunity: opportunity.clone(),
            customer: customer.clone(),
            can_approve: self.approval.required(),
            step_can_approve: false,
            step: 0,
            notify_users: EmptyList,
            can_revert_applying: false,
            need_approve_step: self.approval.steps,
            attachments_count: 0,
            file_attachments_count: 0,
            is_user_self: true,
            custom_field_template: EmptyRecord,
            custom_fields: self.empty_custom_fields.clone(),
        }
    }
}

/// The draft of a new contract for `opportunity`, its `customer`, created by `user`,
/// with the documented default settings: no custom fields, approval in one step.
///
/// Total and pure: it never fails, never panics, and trusts its inputs (see
/// [`Converter::convert`]).
///
/// ```
/// use contract_draft::{contract_from_opportunity, Bundle};
///
/// let bundle = Bundle::from_json(include_bytes!("../fixtures/bundle.json"))?;
/// let draft = contract_from_opportunity(&bundle.opportunity, &bundle.customer, &bundle.user);
/// assert_eq!(draft.title, "CRM集团版");
/// assert_eq!(draft.times.to_string(), "2015-09-09 - ");
/// # Ok::<(), contract_draft::Error>(())
/// ```
pub fn contract_from_opportunity(
    opportunity: &Opportunity,
    customer: &Customer,
    user: &User,
) -> ContractDraft {
    Converter::default().convert(opportunity, customer, user)
}
