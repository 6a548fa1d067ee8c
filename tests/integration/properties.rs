//! Properties of the conversion for any valid opportunity.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use contract_draft::{Envelope, Opportunity, RubyDecimal, contract_from_opportunity};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::support::{fixture, sample_bundle};

/// Money as integer minor units (below 10^18) with a scale of 0 to 6: amounts within
/// the stored precision, many of them with trailing zeros.
pub fn amount() -> impl Strategy<Value = Decimal> {
    (0_i64..1_000_000_000_000_000_000, 0_u32..=6)
        .prop_map(|(units, scale)| Decimal::new(units, scale))
}

/// Any day from 1900 to 2099.
pub fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1)
        .unwrap()
        .num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(2099, 12, 31)
        .unwrap()
        .num_days_from_ce();
    (first..=last).prop_map(|day| NaiveDate::from_num_days_from_ce_opt(day).unwrap())
}

/// The sample opportunity with any amount, sign date and title.
fn opportunity() -> impl Strategy<Value = Opportunity> {
    (amount(), proptest::option::of(date()), any::<String>()).prop_map(
        |(total, sign_date, title)| {
            let mut opportunity = sample_bundle().opportunity;
            opportunity.expect_amount = total;
            opportunity.expect_sign_date = sign_date;
            opportunity.title = title;
            opportunity
        },
    )
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
    keys.into_iter()
        .filter(|key| !key.contains("_asset_"))
        .collect()
}

proptest! {
    #[test]
    fn receivables_of_a_new_draft_are_the_total(opportunity in opportunity()) {
        let bundle = sample_bundle();
        let draft = contract_from_opportunity(&opportunity, &bundle.customer, &bundle.user);
        prop_assert_eq!(draft.total_amount, opportunity.expect_amount);
        prop_assert_eq!(draft.unreceived_amount, draft.total_amount);
        prop_assert_eq!(draft.unchecking_payments_amount, draft.total_amount);
        prop_assert_eq!(draft.received_payments_amount, Decimal::ZERO);
        prop_assert_eq!(draft.checking_payments_amount, Decimal::ZERO);
    }

    #[test]
    fn total_amount_is_ruby_text_of_the_same_decimal(opportunity in opportunity()) {
        let bundle = sample_bundle();
        let draft = contract_from_opportunity(&opportunity, &bundle.customer, &bundle.user);
        let json: serde_json::Value = serde_json::to_value(&draft).unwrap();
        let text = json["total_amount"].as_str().unwrap().to_owned();
        prop_assert_eq!(text.parse::<Decimal>().unwrap(), opportunity.expect_amount);
        prop_assert_eq!(text.matches('.').count(), 1);
        let fraction = text.split_once('.').unwrap().1;
        prop_assert!(fraction == "0" || !fraction.ends_with('0'), "{}", text);
        prop_assert_eq!(&text, &RubyDecimal(opportunity.expect_amount).to_string());
    }

    #[test]
    fn times_are_start_dash_end(opportunity in opportunity()) {
        let bundle = sample_bundle();
        let draft = contract_from_opportunity(&opportunity, &bundle.customer, &bundle.user);
        let json: serde_json::Value = serde_json::to_value(&draft).unwrap();
        let start = json["start_at"].as_str().unwrap();
        let end = json["end_at"].as_str().unwrap();
        prop_assert_eq!(json["times"].as_str().unwrap(), format!("{start} - {end}"));
        prop_assert_eq!(&json["times_display"], &json["times"]);
        let expected_start = opportunity.expect_sign_date.map(|d| d.format("%Y-%m-%d").to_string());
        prop_assert_eq!(start, expected_start.as_deref().unwrap_or(""));
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
