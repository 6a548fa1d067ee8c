//! The conversion: an opportunity, its customer and the user who creates the contract
//! become a [`ContractDraft`]. Every rule of the mapping is one line of
//! `Converter::fill`, the one path all entry points share.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate};

use rust_decimal::Decimal;
use serde_json::value::RawValue;

mod check;
pub(crate) mod hiding;
mod product_lines;
pub(crate) mod report;
mod template;

use crate::draft::{ContractDraft, DateSpan, EmptyList, EmptyRecord, FieldValue, ProductsSummary};
use crate::encoding::float::is_exact_as_f64;
use crate::encoding::reader::read_json_into;
use crate::error::{Error, ErrorKind, Problems};
use crate::money::RubyDecimal;
use crate::money::{MAX_INTEGER_DIGITS, fits_stored_integer_digits};
use crate::receivables::Receivables;
use crate::records::{Bundle, Customer, Opportunity, User};
use crate::settings::{ApprovalSettings, CompanyCheck, CompanySettings, TotalSource};
use check::check_records;
use hiding::hide_numbers;
use product_lines::OfferedLines;
use report::{Findings, Note};
use template::Template;

pub use report::Conversion;

/// The attachments summary of a draft without attachments ("no attachments").
const NO_ATTACHMENTS: &str = "暂无附件";

/// Makes contract drafts for one company: its settings, checked once and prepared for
/// converting many opportunities.
///
/// ```
/// use contract_draft::{Bundle, CompanySettings, Converter};
///
/// let settings = CompanySettings::from_json(include_bytes!("../../fixtures/settings.json"))?;
/// let converter = Converter::new(&settings)?;
/// let bundle = Bundle::from_json(include_bytes!("../../fixtures/bundle.json"))?;
/// let draft = converter.convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
/// assert_eq!(draft.need_approve_step, 1);
/// assert_eq!(draft.custom_fields.len(), 6);
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Converter {
    total: TotalSource,
    hide_numbers: bool,
    company_check: CompanyCheck,
    approval: ApprovalSettings,
    term_months: Option<Months>,
    template: Template,
}

impl Converter {
    /// A converter for the company with these settings, which it checks and prepares
    /// once: the version; that every key suits its kind and no two fields (or display
    /// companions) share a key; that defaults suit their fields; that every mapping goes
    /// from a custom-field key to a template field that accepts it, and no field is
    /// filled twice. Every problem is an [`ErrorKind::InvalidSettings`] error naming its
    /// path in the settings.
    pub fn new(settings: &CompanySettings) -> Result<Self, Error> {
        Ok(Self {
            total: settings.total,
            hide_numbers: settings.hide_numbers,
            company_check: settings.company_check,
            approval: settings.approval,
            term_months: term_months(settings.term_months)?,
            template: Template::compile(settings)?,
        })
    }

    /// Checks the records, then converts them (see [`Converter::convert_unchecked`] for
    /// the mapping) and reports what a person should know about the draft.
    ///
    /// Refuses, with an [`Error`] naming the field: an amount or percentage outside its
    /// domain; a customer that is not the opportunity's
    /// ([`CustomerMismatch`](crate::ErrorKind::CustomerMismatch)); an opportunity or
    /// customer whose creator or own `organization_id` names another company than
    /// `user`'s ([`OrganizationMismatch`](crate::ErrorKind::OrganizationMismatch)), or,
    /// with [`CompanyCheck::Strict`], that has no creator to tell its company by;
    /// the product lines' sum, when it is the total and outside `decimal(24,6)`
    /// ([`Overflow`](crate::ErrorKind::Overflow)).
    pub fn convert(
        &self,
        opportunity: &Opportunity,
        customer: &Customer,
        user: &User,
    ) -> Result<Conversion, Error> {
        self.convert_records(Cow::Borrowed(opportunity), Cow::Borrowed(customer), Cow::Borrowed(user))
    }

    /// The checking conversion's old name: [`Converter::convert`] is the checking one
    /// now, [`Converter::convert_unchecked`] the trusting one.
    #[deprecated(since = "0.3.0", note = "the checking conversion is `convert` now")]
    pub fn convert_checked(
        &self,
        opportunity: &Opportunity,
        customer: &Customer,
        user: &User,
    ) -> Result<Conversion, Error> {
        self.convert(opportunity, customer, user)
    }

    /// [`Converter::convert`] for records it owns: they are moved into the draft,
    /// not copied. Use it when the records are built for this conversion (from database
    /// rows, say); [`Converter::convert_json`] reads and converts them this way.
    ///
    /// ```
    /// use contract_draft::{Converter, Customer, Opportunity, User};
    ///
    /// let opportunity = Opportunity::new(576543, "CRM集团版", "19800".parse()?, 23481906);
    /// let (customer, user) = (Customer::new(23481906, "向导"), User::new(364513, "个比唠忘", 49));
    /// let conversion = Converter::default().convert_owned(opportunity, customer, user)?;
    /// assert_eq!(conversion.draft.total_amount, contract_draft::rust_decimal::Decimal::from(19800));
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    pub fn convert_owned(
        &self,
        opportunity: Opportunity,
        customer: Customer,
        user: User,
    ) -> Result<Conversion, Error> {
        self.convert_records(Cow::Owned(opportunity), Cow::Owned(customer), Cow::Owned(user))
    }

    /// [`Converter::convert`] for records it may own (and move into the draft)
    /// or borrow (and copy).
    fn convert_records(
        &self,
        opportunity: Cow<'_, Opportunity>,
        customer: Cow<'_, Customer>,
        user: Cow<'_, User>,
    ) -> Result<Conversion, Error> {
        let mut findings = Findings::kept();
        check_records(&opportunity, &customer, &user, self.company_check, &mut findings)?;
        let draft = self.assemble(opportunity, customer, user, &mut findings);
        if let Some(problem) = findings.problem {
            return Err(problem);
        }
        let numbers = [
            ("received_payments_amount", draft.received_payments_amount),
            ("unreceived_amount", draft.unreceived_amount),
            ("unchecking_payments_amount", draft.unchecking_payments_amount),
            ("checking_payments_amount", draft.checking_payments_amount),
        ];
        for (field, exact) in numbers {
            if !is_exact_as_f64(exact) {
                findings.note(|| Note::InexactNumber { field, exact });
            }
        }
        Ok(Conversion { draft, notes: findings.notes, omitted_notes: findings.omitted_notes })
    }

    /// Reads a bundle (`{"opportunity": …, "customer": …, "user": …}`) from JSON and
    /// converts it with [`Converter::convert`]: the whole path from input bytes
    /// to a draft, refusing bad input with an [`Error`] and never panicking.
    ///
    /// ```
    /// use contract_draft::{Converter, ErrorKind};
    ///
    /// let converter = Converter::default();
    /// let conversion = converter.convert_json(include_bytes!("../../fixtures/bundle.json"))?;
    /// assert_eq!(conversion.draft.organization_id, 49);
    ///
    /// let error = converter.convert_json(br#"{"opportunity": []}"#).unwrap_err();
    /// assert_eq!((error.kind(), error.path()), (ErrorKind::WrongType, "opportunity"));
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    ///
    /// A bundle that does not read, but whose JSON shows a record of another company, is
    /// refused as that record (not found), not for its other problems.
    pub fn convert_json(&self, json: &[u8]) -> Result<Conversion, Error> {
        let bundle =
            Bundle::from_json(json).map_err(|error| check::company_of_unread(json).unwrap_or(error))?;
        self.convert_owned(bundle.opportunity, bundle.customer, bundle.user)
    }

    /// [`Converter::convert_json`] into a draft the caller holds, for the batch path,
    /// which converts line after line into the same one: the bundle is read into
    /// `records`, reusing their buffers; its records are swapped with those `draft`
    /// holds, which go back to `records` to be read into next; then every other field of
    /// `draft` is filled. No record is copied. After an error `draft` holds no draft.
    pub(crate) fn convert_json_in_place(
        &self,
        json: &[u8],
        records: &mut Bundle,
        draft: &mut ContractDraft,
    ) -> Result<(), Error> {
        read_json_into(json, records).map_err(|error| check::company_of_unread(json).unwrap_or(error))?;
        std::mem::swap(&mut records.opportunity, &mut draft.opportunity);
        std::mem::swap(&mut records.customer, &mut draft.customer);
        std::mem::swap(&mut records.user, &mut draft.user);
        let mut findings = Findings::kept();
        check_records(&draft.opportunity, &draft.customer, &draft.user, self.company_check, &mut findings)?;
        self.fill(draft, &mut findings);
        findings.problem.map_or(Ok(()), Err)
    }

    /// The draft of a new contract for `opportunity`, its `customer`, created by `user`,
    /// without checking that the records belong together ([`Converter::convert`] checks).
    ///
    /// Total: it never fails and never panics. It trusts its inputs: that the customer
    /// is the opportunity's and that all three belong to the user's company. Where the
    /// checked entry point would refuse a value, it goes on: a product line whose total
    /// does not fit a decimal gets a `null` total (and the contract total is the
    /// opportunity's amount), a custom value that does not suit its field leaves the
    /// field at its default or empty value.
    pub fn convert_unchecked(
        &self,
        opportunity: &Opportunity,
        customer: &Customer,
        user: &User,
    ) -> ContractDraft {
        self.assemble(
            Cow::Borrowed(opportunity),
            Cow::Borrowed(customer),
            Cow::Borrowed(user),
            &mut Findings::ignored(),
        )
    }

    /// The draft of these records, found problems and notes going to `findings`: the
    /// records are moved into the draft when owned and copied when borrowed.
    fn assemble(
        &self,
        opportunity: Cow<'_, Opportunity>,
        customer: Cow<'_, Customer>,
        user: Cow<'_, User>,
        findings: &mut Findings,
    ) -> ContractDraft {
        let mut draft =
            ContractDraft::holding(opportunity.into_owned(), customer.into_owned(), user.into_owned());
        self.fill(&mut draft, findings);
        draft
    }

    /// The one place the mapping is written: every key of the draft but the three
    /// records, in order, set from the records the draft holds, in place (the batch
    /// path fills one draft line after line); the customer's numbers are masked when
    /// they are hidden. The pattern names every field, so a field added to the draft
    /// is not forgotten here.
    #[expect(clippy::too_many_lines, reason = "the draft's keys, one a line, in their order")]
    fn fill(&self, draft: &mut ContractDraft, findings: &mut Findings) {
        let ContractDraft {
            id,
            category,
            category_mapped,
            payment_type,
            payment_type_mapped,
            status,
            status_mapped,
            is_editable,
            organization_id,
            title,
            total_amount,
            start_at,
            end_at,
            customer_signer,
            need_hidden_dispose,
            revisit_remind_at,
            received_payments_plan_count,
            received_payments_plan_amount,
            times_display,
            received_payments_amount,
            unreceived_amount,
            unchecking_payments_amount,
            checking_payments_amount,
            sign_date,
            times,
            sn,
            approve_status,
            approve_status_i18n,
            approve_deny_type,
            all_attachments,
            attachments,
            owned_department,
            is_own,
            is_has_policy_for_assist_user,
            before_user,
            is_my_assist_entity,
            product_assets_for_new_record,
            our_signer,
            special_terms,
            created_at,
            updated_at,
            product_assets,
            before_owned_department,
            creator,
            user,
            opportunity,
            customer,
            can_approve,
            step_can_approve,
            step,
            notify_users,
            can_revert_applying,
            need_approve_step,
            attachments_count,
            file_attachments_count,
            is_user_self,
            custom_field_template,
            custom_fields,
        } = draft;
        let (opportunity, user) = (&*opportunity, &*user);
        let offered = product_lines::offer(&opportunity.product_assets, findings);
        let products = ProductsSummary(offered.lines.len());
        let total = self.total(opportunity, &offered, findings);
        let hidden = self.hide_numbers || user.enabled_number_hidden_dispose;
        self.template.note_unmapped(&opportunity.custom_fields, findings);
        let custom_fields_value = self.template.fill(&opportunity.custom_fields, hidden, findings);
        let receivables = Receivables::unpaid(total);
        let term = self.term(opportunity.expect_sign_date, findings);
        *id = 0;
        *category = String::new();
        *category_mapped = String::new();
        *payment_type = String::new();
        *payment_type_mapped = String::new();
        *status = String::new();
        *status_mapped = String::new();
        *is_editable = true;
        *organization_id = user.organization_id;
        title.clone_from(&opportunity.title);
        *total_amount = total;
        *start_at = term.start;
        *end_at = term.end;
        *customer_signer = String::new();
        *need_hidden_dispose = hidden;
        *revisit_remind_at = None;
        *received_payments_plan_count = receivables.received_payments_plan_count;
        *received_payments_plan_amount = receivables.received_payments_plan_amount;
        *times_display = term;
        *received_payments_amount = receivables.received_payments_amount;
        *unreceived_amount = receivables.unreceived_amount;
        *unchecking_payments_amount = receivables.unchecking_payments_amount;
        *checking_payments_amount = receivables.checking_payments_amount;
        *sign_date = None;
        *times = term;
        *sn = String::new();
        *approve_status = None;
        *approve_status_i18n = None;
        *approve_deny_type = 0;
        *all_attachments = EmptyList;
        *attachments = NO_ATTACHMENTS;
        *owned_department = EmptyRecord;
        *is_own = true;
        *is_has_policy_for_assist_user = false;
        *before_user = EmptyRecord;
        *is_my_assist_entity = false;
        *product_assets_for_new_record = offered.lines;
        *our_signer = String::new();
        *special_terms = "0";
        *created_at = None;
        *updated_at = None;
        *product_assets = products;
        *before_owned_department = EmptyRecord;
        *creator = EmptyRecord;
        *can_approve = self.approval.required();
        *step_can_approve = false;
        *step = 0;
        *notify_users = EmptyList;
        *can_revert_applying = false;
        *need_approve_step = self.approval.steps;
        *attachments_count = 0;
        *file_attachments_count = 0;
        *is_user_self = true;
        *custom_field_template = EmptyRecord;
        *custom_fields = custom_fields_value;
        if hidden {
            hide_numbers(customer);
        }
    }

    /// The contract's term: from `start`, the opportunity's expected signing day, for the
    /// company's term if it has one, to the day before the same day so many months on.
    fn term(&self, start: Option<NaiveDate>, findings: &mut Findings) -> DateSpan {
        let end = start.zip(self.term_months).and_then(|(start, months)| {
            let end = start
                .checked_add_months(months)
                .and_then(|day| day.pred_opt())
                .filter(|end| end.year() <= 9999);
            if end.is_none() {
                findings.problem(|| {
                    Error::new(
                        ErrorKind::InvalidValue,
                        "opportunity.expect_sign_date",
                        "the contract term from this day would end after 9999-12-31",
                    )
                });
            }
            end
        });
        DateSpan { start, end }
    }

    /// Where the company's contract total comes from.
    pub(crate) fn total_source(&self) -> TotalSource {
        self.total
    }

    /// Whether the company's contracts need approval.
    pub(crate) fn requires_approval(&self) -> bool {
        self.approval.required()
    }

    /// The custom fields of a contract form (`keys` its keys, `get` its value under a
    /// key), checked against the company's template, each phone's companion masked when
    /// the company hides numbers; problems go to `problems`.
    pub(crate) fn form_custom_fields<'a>(
        &self,
        keys: impl Iterator<Item = &'a str>,
        get: impl Fn(&str) -> Option<&'a RawValue>,
        problems: &mut Problems,
    ) -> Vec<(Arc<str>, FieldValue)> {
        self.template.form_fields(keys, get, self.hide_numbers, problems)
    }

    /// The contract's total, as the settings choose it.
    fn total(&self, opportunity: &Opportunity, offered: &OfferedLines, findings: &mut Findings) -> Decimal {
        let expect_amount = opportunity.expect_amount.get();
        if offered.lines.is_empty() {
            if self.total == TotalSource::SumOfLines {
                findings.note(|| Note::NoLinesToSum);
            }
            return expect_amount;
        }
        let lines_sum = match offered.sum {
            Ok(sum) => sum,
            Err(index) => {
                findings.problem(|| Error::new(
                    ErrorKind::Overflow,
                    format!("opportunity.product_assets[{index}]"),
                    "the line total (recommended_unit_price × quantity) does not fit decimal(24,6), or the sum of the lines a decimal",
                ));
                return expect_amount;
            }
        };
        if lines_sum != expect_amount {
            findings.note(|| Note::TotalDiffersFromLines { expect_amount, lines_sum });
        }
        match self.total {
            TotalSource::ExpectAmount => expect_amount,
            TotalSource::SumOfLines if fits_stored_integer_digits(lines_sum) => lines_sum,
            TotalSource::SumOfLines => {
                findings.problem(|| {
                    Error::new(
                        ErrorKind::Overflow,
                        "opportunity.product_assets",
                        format_args!(
                            "the sum of the lines, {}, has more than {MAX_INTEGER_DIGITS} integer digits, \
                         more than a contract total holds (decimal(24,6))",
                            RubyDecimal(lines_sum)
                        ),
                    )
                });
                expect_amount
            }
        }
    }
}

/// The longest contract term the settings take, in months (a hundred years).
const MAX_TERM_MONTHS: u32 = 1200;

/// The settings' contract term, checked.
fn term_months(months: Option<u32>) -> Result<Option<Months>, Error> {
    match months {
        None => Ok(None),
        Some(months @ 1..=MAX_TERM_MONTHS) => Ok(Some(Months::new(months))),
        Some(months) => Err(Error::new(
            ErrorKind::InvalidSettings,
            "term_months",
            format_args!("{months} months is not 1 to {MAX_TERM_MONTHS}"),
        )),
    }
}

/// The draft of a new contract for `opportunity`, its `customer`, created by `user`,
/// with the documented default settings: the total is the opportunity's amount, no
/// custom fields, approval in one step.
///
/// Total and pure: it never fails, never panics, and trusts its inputs (see
/// [`Converter::convert`]).
///
/// ```
/// use contract_draft::{contract_from_opportunity, Bundle};
///
/// let bundle = Bundle::from_json(include_bytes!("../../fixtures/bundle.json"))?;
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
    Converter::default().convert_unchecked(opportunity, customer, user)
}
