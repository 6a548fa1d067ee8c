//! Properties of the conversion for any valid opportunity.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use contract_draft::{Amount, Envelope, Opportunity, RubyDecimal, contract_from_opportunity};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::support::{fixture, raw_at, sample_bundle};

/// Money as integer minor units (below 10^18) with a scale of 0 to 6: amounts within
/// the stored precision, many of them with trailing zeros.
/// One in ten is a zero with a scale (`0.00`), which exact arithmetic must not mistake
/// for a rounded result.
pub fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => zero(),
        9 => (0_i64..1_000_000_000_000_000_000, 0_u32..=6).prop_map(|(units, scale)| Decimal::new(units, scale)),
    ]
}

/// Zero with 0 to 6 fractional digits.
fn zero() -> impl Strategy<Value = Decimal> {
    (0_u32..=6).prop_map(|scale| Decimal::new(0, scale))
}

/// Any day from 1900 to 2099.
pub fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap().num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap().num_days_from_ce();
    (first..=last).prop_map(|day| NaiveDate::from_num_days_from_ce_opt(day).unwrap())
}

/// The sample opportunity with any amount, sign date and title.
fn opportunity() -> impl Strategy<Value = Opportunity> {
    (amount(), proptest::option::of(date()), any::<String>()).prop_map(|(total, sign_date, title)| {
        let mut opportunity = sample_bundle().opportunity;
        opportunity.expect_amount = Amount::new(total).unwrap();
        opportunity.expect_sign_date = sign_date;
        opportunity.title = title;
        opportunity
    })
}

/// The keys of a JSON object's `data` member, in the order written.
struct DataKeys(Vec<String>);

impl<'de> serde::Deserialize<'de> for DataKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = Vec<String>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(keys)
            }
        }
        #[derive(serde::Deserialize)]
        struct Wrapper {
            #[serde(deserialize_with = "keys")]
            data: Vec<String>,
        }
        fn keys<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
            deserializer.deserialize_map(Keys)
        }
        let wrapper = Wrapper::deserialize(deserializer).map_err(de::Error::custom)?;
        Ok(Self(wrapper.data))
    }
}

fn documented_keys_without_custom_fields() -> Vec<String> {
    let DataKeys(keys) = serde_json::from_str(&fixture("response.json")).unwrap();
    keys.into_iter().filter(|key| !key.contains("_asset_")).collect()
}

proptest! {
    #[test]
    fn receivables_of_a_new_draft_are_the_total(opportunity in opportunity()) {
        let bundle = sample_bundle();
        let draft = contract_from_opportunity(&opportunity, &bundle.customer, &bundle.user);
        prop_assert_eq!(draft.total_amount, opportunity.expect_amount.get());
        prop_assert_eq!(draft.unreceived_amount, draft.total_amount);
        prop_assert_eq!(draft.unchecking_payments_amount, draft.total_amount);
        prop_assert_eq!(draft.received_payments_amount, Decimal::ZERO);
        prop_assert_eq!(draft.checking_payments_amount, Decimal::ZERO);
    }

    #[test]
    fn total_amount_is_ruby_text_of_the_same_decimal(opportunity in opportunity()) {
        let bundle = sample_bundle();
        let draft = contract_from_opportunity(&opportunity, &bundle.customer, &bundle.user);
        let json = serde_json::to_string(&draft).unwrap();
        let text = raw_at(&json, "/total_amount");
        let text = text.trim_matches('"').to_owned();
        prop_assert_eq!(text.parse::<Decimal>().unwrap(), opportunity.expect_amount.get());
        prop_assert_eq!(text.matches('.').count(), 1);
        let fraction = text.split_once('.').unwrap().1;
        prop_assert!(fraction == "0" || !fraction.ends_with('0'), "{}", text);
        prop_assert_eq!(&text, &RubyDecimal(opportunity.expect_amount.get()).to_string());
    }

    #[test]
    fn times_are_start_dash_end(opportunity in opportunity()) {
        let bundle = sample_bundle();
        let draft = contract_from_opportunity(&opportunity, &bundle.customer, &bundle.user);
        let json = serde_json::to_string(&draft).unwrap();
        let [start, end, times, times_display] =
            ["/start_at", "/end_at", "/times", "/times_display"].map(|pointer| raw_at(&json, pointer));
        let unquoted = |text: &str| text[1..text.len() - 1].to_owned();
        prop_assert_eq!(&times, &format!("\"{} - {}\"", unquoted(&start), unquoted(&end)));
        prop_assert_eq!(&times_display, &times);
        let expected_start = opportunity.expect_sign_date.map(|d| d.format("%Y-%m-%d").to_string());
        prop_assert_eq!(start, format!("\"{}\"", expected_start.as_deref().unwrap_or("")));
    }

    #[test]
    fn keys_come_in_the_documented_order(opportunity in opportunity()) {
        let bundle = sample_bundle();
        let draft = contract_from_opportunity(&opportunity, &bundle.customer, &bundle.user);
        let text = serde_json::to_string(&Envelope::new(&draft)).unwrap();
        let DataKeys(keys) = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(keys, documented_keys_without_custom_fields());
    }
}

/// A decimal from 0 (or the smallest unit above it, if `positive`) to below `below`,
/// with 0 to 6 fractional digits.
fn decimal_below(below: i64, positive: bool) -> impl Strategy<Value = Decimal> {
    let some = (0_u32..=6).prop_flat_map(move |scale| {
        let units = below * 10_i64.pow(scale);
        (i64::from(positive)..units).prop_map(move |units| Decimal::new(units, scale))
    });
    // Free lines (a price of 0.00) one time in ten.
    let zero_weight = u32::from(!positive);
    prop_oneof![zero_weight => zero(), 9 => some]
}

/// A product line with a quantity below a million and a selling price below a billion,
/// each with up to 6 fractional digits: line totals below 10^15 with up to 12 fractional
/// digits, whose sums (at most 28 digits) a decimal holds exactly. Beyond that the
/// checked conversion refuses rather than rounds
/// (`company::a_sum_beyond_a_decimal_is_refused_not_rounded`).
fn product_line() -> impl Strategy<Value = serde_json::Value> {
    let quantity = decimal_below(1_000_000, true);
    let price = decimal_below(1_000_000_000, false);
    (quantity, price, proptest::option::of(amount())).prop_map(|(quantity, price, list)| {
        serde_json::json!({
            "product_id": 1,
            "quantity": quantity.to_string(),
            "recommended_unit_price": price.to_string(),
            "standard_unit_price": list.map(|list| list.to_string()),
        })
    })
}

/// The sample bundle with these product lines.
fn bundle_with_lines(lines: Vec<serde_json::Value>) -> contract_draft::Bundle {
    let mut bundle: serde_json::Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    bundle["opportunity"]["product_assets"] = serde_json::Value::Array(lines);
    contract_draft::Bundle::from_json(&serde_json::to_vec(&bundle).unwrap()).unwrap()
}

fn sum_of_lines_converter() -> contract_draft::Converter {
    let settings =
        contract_draft::CompanySettings::from_json(br#"{"version": 1, "total": "sum_of_lines"}"#).unwrap();
    contract_draft::Converter::new(&settings).unwrap()
}

/// One template field of any kind, its key made unique by its position.
fn template(kinds: Vec<contract_draft::FieldKind>) -> Vec<contract_draft::ContractField> {
    kinds
        .into_iter()
        .enumerate()
        .map(|(index, kind)| {
            contract_draft::ContractField::new(format!("{}{index:06x}", kind.key_prefix()), kind)
        })
        .collect()
}

fn field_kind() -> impl Strategy<Value = contract_draft::FieldKind> {
    use contract_draft::FieldKind::*;
    proptest::sample::select(vec![Text, TextArea, SingleSelect, MultiSelect, Number, Date, File])
}

proptest! {
    #[test]
    fn line_totals_are_exact_and_add_up_to_the_total(lines in proptest::collection::vec(product_line(), 1..8)) {
        let bundle = bundle_with_lines(lines);
        let conversion = sum_of_lines_converter()
            .convert_checked(&bundle.opportunity, &bundle.customer, &bundle.user)
            .unwrap();
        let draft = conversion.draft;
        let mut sum = Decimal::ZERO;
        for (given, offered) in bundle.opportunity.product_assets.iter().zip(&draft.product_assets_for_new_record) {
            // Exact: the product of the mantissas at the sum of the scales, in integers.
            let (price, quantity) = (given.recommended_unit_price.get(), given.quantity.get());
            let exact = Decimal::from_i128_with_scale(price.mantissa() * quantity.mantissa(), price.scale() + quantity.scale());
            let total = offered.total_price.unwrap();
            prop_assert_eq!(total, exact);
            sum += total;
        }
        prop_assert_eq!(draft.total_amount, sum);
        prop_assert_eq!(draft.unreceived_amount, sum);
    }

    #[test]
    fn custom_field_keys_follow_the_template(kinds in proptest::collection::vec(field_kind(), 0..10)) {
        use contract_draft::FieldKind::{MultiSelect, SingleSelect};
        let mut settings = contract_draft::CompanySettings::default();
        settings.contract_fields = template(kinds);
        let converter = contract_draft::Converter::new(&settings).unwrap();
        let bundle = sample_bundle();
        let draft = converter.convert(&bundle.opportunity, &bundle.customer, &bundle.user);
        let text = serde_json::to_string(&Envelope::new(&draft)).unwrap();
        let DataKeys(keys) = serde_json::from_str(&text).unwrap();
        let fields = &settings.contract_fields;
        let displays = |kind| fields.iter().filter(move |f| f.kind == kind).map(|f| format!("{}_display", f.key));
        let expected: Vec<String> = fields
            .iter()
            .map(|f| f.key.clone())
            .chain(displays(SingleSelect))
            .chain(displays(MultiSelect))
            .collect();
        prop_assert_eq!(&keys[keys.len() - expected.len()..], &expected[..]);
        prop_assert_eq!(&keys[..keys.len() - expected.len()], &documented_keys_without_custom_fields()[..]);
    }
}
