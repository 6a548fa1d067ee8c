//! The draft's keys, listed once, in their documented order, each with how its value is
//! written: [`draft_fields!`] makes both the draft's `Serialize` and its compact writer
//! ([`WriteCompact`], the batch path's) from the list, so the two cannot disagree on a
//! key, its place or its encoding. Tests compare the two writers' bytes on every
//! generated draft.

use std::marker::PhantomData;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::{ApproveStatus, ContractDraft};
use crate::encoding::compact::{JsonOut, WriteCompact, push_serialized, push_str};
use crate::encoding::field::{Form, InForm, WriteRecord};
use crate::encoding::timestamp::minutes;
use crate::encoding::{amount, date, decimal, float};

/// How a draft value of type `T` is written, both ways.
trait WriteAs<T: ?Sized> {
    /// Writes `value` to a serde serializer.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;

    /// Appends `value` as compact JSON: the bytes serde_json's compact writer makes of
    /// [`WriteAs::serialize`].
    fn write_compact(value: &T, out: &mut JsonOut<'_>)
    where
        Self: Sized,
    {
        push_serialized(out, &Via::<Self, T>(value, PhantomData));
    }
}

/// A value written through `W`, for serde.
struct Via<'a, W, T: ?Sized>(&'a T, PhantomData<W>);

impl<W: WriteAs<T>, T: ?Sized> Serialize for Via<'_, W, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        W::serialize(self.0, serializer)
    }
}

/// A value written as its own `Serialize` (and its [`WriteCompact`]) writes it.
struct AsItself;

impl<T: Serialize + WriteCompact> WriteAs<T> for AsItself {
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn write_compact(value: &T, out: &mut JsonOut<'_>) {
        value.write_compact(out);
    }
}

/// An embedded record (the user, the opportunity, the customer), as the documented
/// draft embeds it.
struct Embedded;

impl<T: WriteRecord> WriteAs<T> for Embedded {
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        InForm(value, Form::Embedded).serialize(serializer)
    }

    fn write_compact(value: &T, out: &mut JsonOut<'_>) {
        value.write_record_compact(Form::Embedded, out);
    }
}

/// Writers that are a serializing function each, and its compact twin where it has
/// one (else serde_json writes it).
macro_rules! written_with {
    ($($(#[$doc:meta])* $writer:ident: $type:ty => $function:path $(, $compact:path)?;)*) => {
        $($(#[$doc])*
        struct $writer;

        impl WriteAs<$type> for $writer {
            fn serialize<S: Serializer>(value: &$type, serializer: S) -> Result<S::Ok, S::Error> {
                $function(value, serializer)
            }

            $(fn write_compact(value: &$type, out: &mut JsonOut<'_>) {
                $compact(value, out);
            })?
        })*
    };
}

written_with! {
    /// A Ruby decimal string (`"19800.0"`).
    RubyDecimalText: Decimal => amount::serialize, amount::write_compact;
    /// A day, `""` when absent.
    DayOrEmpty: Option<NaiveDate> => date::serialize_optional, date::write_optional_compact;
    /// The payment plans' sum: `0` when zero, else a Ruby decimal string.
    PlanSum: Decimal => decimal::serialize_sum, decimal::write_sum_compact;
    /// A JSON number, as Ruby writes the Float.
    JsonNumber: Decimal => float::serialize, float::write_compact;
    /// A time to the minute, `""` when absent.
    MinutesOrEmpty: Option<NaiveDateTime> => minutes::serialize, minutes::write_compact;
    /// The approval status, `""` before the contract is sent for approval.
    ApproveStatusOrEmpty: Option<ApproveStatus> => serialize_approve_status;
}

fn serialize_approve_status<S: Serializer>(
    status: &Option<ApproveStatus>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match status {
        Some(status) => status.serialize(serializer),
        None => serializer.serialize_str(""),
    }
}

/// The writer an entry names, [`AsItself`] when it names none.
macro_rules! writer {
    () => {
        AsItself
    };
    ($writer:ty) => {
        $writer
    };
}

/// Makes the draft's `Serialize` and [`WriteCompact`] from its keys in written order,
/// each `"key" => field` (written as itself) or `"key" => field as Writer`, then the
/// field whose entries follow the keys (`..custom_fields`).
macro_rules! draft_fields {
    ($draft:ident { $($key:literal => $field:ident $(as $writer:ty)?,)* ..$flatten:ident }) => {
        impl Serialize for $draft {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                $(map.serialize_entry($key, &Via::<writer!($($writer)?), _>(&self.$field, PhantomData))?;)*
                for (key, value) in self.$flatten.iter() {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl WriteCompact for $draft {
            fn write_compact(&self, out: &mut JsonOut<'_>) {
                let mut first = true;
                out.push(b'{');
                $(
                    if !std::mem::take(&mut first) {
                        out.push(b',');
                    }
                    out.extend_from_slice(concat!("\"", $key, "\":").as_bytes());
                    <writer!($($writer)?) as WriteAs<_>>::write_compact(&self.$field, out);
                )*
                for (key, value) in self.$flatten.iter() {
                    out.push(b',');
                    push_str(out, key);
                    out.push(b':');
                    push_serialized(out, value);
                }
                out.push(b'}');
            }
        }
    };
}

draft_fields! {
    ContractDraft {
        "id" => id,
        "category" => category,
        "category_mapped" => category_mapped,
        "payment_type" => payment_type,
        "payment_type_mapped" => payment_type_mapped,
        "status" => status,
        "status_mapped" => status_mapped,
        "is_editable" => is_editable,
        "organization_id" => organization_id,
        "title" => title,
        "total_amount" => total_amount as RubyDecimalText,
        "start_at" => start_at as DayOrEmpty,
        "end_at" => end_at as DayOrEmpty,
        "customer_signer" => customer_signer,
        "need_hidden_dispose" => need_hidden_dispose,
        "revisit_remind_at" => revisit_remind_at as DayOrEmpty,
        "received_payments_plan_count" => received_payments_plan_count,
        "received_payments_plan_amount" => received_payments_plan_amount as PlanSum,
        "times_display" => times_display,
        "received_payments_amount" => received_payments_amount as JsonNumber,
        "unreceived_amount" => unreceived_amount as JsonNumber,
        "unchecking_payments_amount" => unchecking_payments_amount as JsonNumber,
        "checking_payments_amount" => checking_payments_amount as JsonNumber,
        "sign_date" => sign_date as DayOrEmpty,
        "times" => times,
        "sn" => sn,
        "approve_status" => approve_status as ApproveStatusOrEmpty,
        "approve_status_i18n" => approve_status_i18n,
        "approve_deny_type" => approve_deny_type,
        "all_attachments" => all_attachments,
        "attachments" => attachments,
        "owned_department" => owned_department,
        "is_own" => is_own,
        "is_has_policy_for_assist_user" => is_has_policy_for_assist_user,
        "before_user" => before_user,
        "is_my_assist_entity" => is_my_assist_entity,
        "product_assets_for_new_record" => product_assets_for_new_record,
        "our_signer" => our_signer,
        "special_terms" => special_terms,
        "created_at" => created_at as MinutesOrEmpty,
        "updated_at" => updated_at as MinutesOrEmpty,
        "product_assets" => product_assets,
        "before_owned_department" => before_owned_department,
        "creator" => creator,
        "user" => user as Embedded,
        "opportunity" => opportunity as Embedded,
        "customer" => customer as Embedded,
        "can_approve" => can_approve,
        "step_can_approve" => step_can_approve,
        "step" => step,
        "notify_users" => notify_users,
        "can_revert_applying" => can_revert_applying,
        "need_approve_step" => need_approve_step,
        "attachments_count" => attachments_count,
        "file_attachments_count" => file_attachments_count,
        "is_user_self" => is_user_self,
        "custom_field_template" => custom_field_template,
        ..custom_fields
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::{Converter, strategy};

    /// The compact writer's bytes of `value`, beside serde_json's, HTML-safe (through
    /// the pass over serde_json's) if `html_safe`.
    fn both<T: Serialize + WriteCompact>(value: &T, html_safe: bool) -> (String, String) {
        let mut compact = Vec::new();
        value.write_compact(&mut JsonOut::new(&mut compact, html_safe));
        let mut serde = serde_json::to_vec(value).unwrap();
        if html_safe {
            crate::encoding::html::escape_appended(&mut serde, 0);
        }
        (String::from_utf8(compact).unwrap(), String::from_utf8(serde).unwrap())
    }

    #[test]
    fn the_documented_draft_is_written_alike() {
        let mut bundle = crate::Bundle::from_json(include_bytes!("../../fixtures/bundle.json")).unwrap();
        // Every character JSON escapes, and those the HTML-safe pass does.
        bundle.opportunity.title =
            (0..0x80_u8).map(char::from).chain("\u{2028}\u{2029}é合同".chars()).collect();
        let draft =
            Converter::default().convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
        for html_safe in [false, true] {
            let (compact, serde) = both(&draft, html_safe);
            assert_eq!(compact, serde, "HTML-safe: {html_safe}");
        }
    }

    proptest! {
        /// Any draft under any settings (hidden numbers, custom fields of every kind,
        /// product lines), HTML-safe or not: the bytes serde_json writes.
        #[test]
        fn every_draft_is_written_as_serde_json_writes_it(
            (settings, bundle) in strategy::mapped(),
            html_safe in any::<bool>(),
        ) {
            let converter = Converter::new(&settings)?;
            let draft = converter.convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
            let (compact, serde) = both(&draft, html_safe);
            prop_assert_eq!(compact, serde);
        }

        /// Records in the input form too (every field, custom values, times to the
        /// nanosecond), which the draft does not embed, and the bundle of the three.
        #[test]
        fn every_record_is_written_alike_in_both_forms(bundle in strategy::bundle(), html_safe in any::<bool>()) {
            for form in [Form::Embedded, Form::Input] {
                let mut compact = Vec::new();
                let mut out = JsonOut::new(&mut compact, html_safe);
                bundle.opportunity.write_record_compact(form, &mut out);
                bundle.customer.write_record_compact(form, &mut out);
                bundle.user.write_record_compact(form, &mut out);
                let mut serde = Vec::new();
                serde_json::to_writer(&mut serde, &InForm(&bundle.opportunity, form)).unwrap();
                serde_json::to_writer(&mut serde, &InForm(&bundle.customer, form)).unwrap();
                serde_json::to_writer(&mut serde, &InForm(&bundle.user, form)).unwrap();
                if html_safe {
                    crate::encoding::html::escape_appended(&mut serde, 0);
                }
                prop_assert_eq!(String::from_utf8(compact).unwrap(), String::from_utf8(serde).unwrap());
            }
            let (compact, serde) = both(&bundle, html_safe);
            prop_assert_eq!(compact, serde, "the bundle");
        }
    }
}
