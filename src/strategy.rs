//! Strategies for property tests (the `proptest` feature, off by default): valid values
//! of the crate's types, and bundles whose three records belong together.
//!
//! Every value generated is one the crate accepts: amounts within `decimal(24,6)`,
//! percentages from 0 to 100, dates and times the draft can write, settings that
//! [`Converter::new`] accepts. A [`bundle()`] converts with the checked entry point of
//! [`Converter::default()`], and of a converter made from any [`settings()`] except a
//! strict company check (see [`bundle()`]). Values are varied where the crate has
//! something to get right: amounts of every size and number of fractional digits, texts
//! with `<`, `>`, `&`, quotes, CJK and line separators, product lines, contacts with
//! phone numbers, hiding on and off.
//!
//! Texts (titles, names and every other text field) are empty a fifth of the time; the
//! rest are markup and CJK samples (`</script>`, `Tom & Jerry`, `CRM集团版`, U+2028),
//! short mixes of ASCII letters and digits, `<>&`, quotes, backslashes and CJK, or any
//! string at all. Ids are any from 0 to [`MAX_ID`](crate::limits::MAX_ID), as a `bigint`
//! column holds them ([`id`]).
//!
//! In a crate's `Cargo.toml`:
//!
//! ```toml
//! [dev-dependencies]
//! contract-draft = { version = "0.3", features = ["proptest"] }
//! proptest = "1"
//! ```
//!
//! ```
//! use contract_draft::{Converter, strategy};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     // In a test file, mark it `#[test]` (and do not call it).
//!     fn the_total_is_the_opportunitys_amount(bundle in strategy::bundle()) {
//!         let converter = Converter::default();
//!         let conversion =
//!             converter.convert(&bundle.opportunity, &bundle.customer, &bundle.user)?;
//!         prop_assert_eq!(conversion.draft.total_amount, bundle.opportunity.expect_amount.get());
//!     }
//! }
//!
//! the_total_is_the_opportunitys_amount();
//! ```
//!
//! The crate's own property tests use these strategies; its tests turn the feature on
//! through a dev-dependency on the crate itself, so `cargo test` runs this example too.
//!
//! [`Converter::new`]: crate::Converter::new
//! [`Converter::default()`]: crate::Converter

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use proptest::array::{uniform2, uniform3, uniform5, uniform6, uniform8, uniform10};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::money::Amount;
use crate::records::{
    Address, Bundle, Contact, CustomValues, Customer, Opportunity, Percent, ProductLine, User,
};
use crate::settings::{
    ApprovalSettings, CompanyCheck, CompanySettings, ContractField, FieldKind, FieldMapping, TotalSource,
};

// Texts and records are boxed strategies: a record's value tree nests dozens of others,
// and unboxed they outgrow a test thread's stack in debug builds.

/// The most product lines an [`opportunity()`] has: few enough that the sum of their
/// totals always fits a decimal exactly (see [`product_line()`]).
const MAX_LINES: usize = 5;

/// The first day [`date()`] generates.
const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(day) => day,
    None => panic!("1900-01-01 is a date"),
};

/// The last day [`date()`] generates.
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 31) {
    Some(day) => day,
    None => panic!("2099-12-31 is a date"),
};

/// Texts that writers and readers must get right: markup characters, quotes,
/// backslashes, CJK, and the line separators JavaScript reads as line ends.
const TRICKY_TEXTS: [&str; 8] = [
    "CRM集团版",
    "向导",
    "<b>Tom & Jerry</b>",
    "</script><script>alert(1)</script>",
    "\"双引号\" and 'single'",
    r"C:\合同\draft",
    "line\u{2028}separator\u{2029}",
    "a&amp;b &lt;",
];

/// Every kind a contract field can have.
const FIELD_KINDS: [FieldKind; 8] = [
    FieldKind::Text,
    FieldKind::TextArea,
    FieldKind::SingleSelect,
    FieldKind::MultiSelect,
    FieldKind::Number,
    FieldKind::Date,
    FieldKind::File,
    FieldKind::Phone,
];

/// The kinds an opportunity key's prefix tells (see [`FieldKind::of_key`]).
const SOURCE_KINDS: [FieldKind; 5] =
    [FieldKind::Text, FieldKind::TextArea, FieldKind::Number, FieldKind::Date, FieldKind::File];

/// The approval statuses records are seen with, and none.
const APPROVE_STATUSES: [&str; 5] = ["", "approved", "applying", "draft", "rejected"];

/// The amount `units` × 10^-`scale`.
///
/// Callers keep `units` below 10^(18 + `scale`) and `scale` at most 6: an amount.
fn amount_of(units: i128, scale: u32) -> Amount {
    Decimal::try_from_i128_with_scale(units, scale)
        .ok()
        .and_then(|value| Amount::new(value).ok())
        .expect("at most 18 integer and 6 fractional digits, not negative: an amount")
}

/// A record id, from 0 to [`MAX_ID`](crate::limits::MAX_ID): every id a `bigint` column
/// holds and the records read.
pub fn id() -> impl Strategy<Value = u64> {
    0..=crate::limits::MAX_ID
}

/// Amounts across the whole domain of [`Amount`]: from 0 to 999999999999999999.999999,
/// with 0 to 6 fractional digits.
///
/// A tenth of them are zero, a tenth the smallest amount above zero (0.000001), a tenth
/// the largest; the rest have at most 0 to 18 integer digits (each bound as likely, so
/// small amounts come as often as large ones) and 0 to 6 fractional digits (each as
/// likely, so whole amounts come often). An amount holds no trailing zeros (`19800.50` is `19800.5`): how an
/// amount is written in JSON is the reader's concern, not the value's.
pub fn amount() -> impl Strategy<Value = Amount> {
    let any_length = (0_u32..=18, 0_u32..=6).prop_flat_map(|(integer_digits, scale)| {
        (0..10_i128.pow(integer_digits + scale)).prop_map(move |units| amount_of(units, scale))
    });
    prop_oneof![
        1 => Just(Amount::ZERO),
        1 => Just(amount_of(1, 6)),
        1 => Just(amount_of(999_999_999_999_999_999_999_999, 6)),
        7 => any_length,
    ]
}

/// An amount from 0 (or from 0.000001, if `positive`) to below `below`, with 0 to 6
/// fractional digits.
fn amount_below(below: i128, positive: bool) -> impl Strategy<Value = Amount> {
    (0_u32..=6).prop_flat_map(move |scale| {
        (i128::from(positive)..below * 10_i128.pow(scale)).prop_map(move |units| amount_of(units, scale))
    })
}

/// Any day from 1900-01-01 to 2099-12-31, each as likely.
pub fn date() -> impl Strategy<Value = NaiveDate> {
    let days = LAST_DAY.signed_duration_since(FIRST_DAY).num_days().unsigned_abs();
    // Every offset names a day (none is filtered out): at most `days` after FIRST_DAY.
    (0..=days).prop_filter_map("a day from FIRST_DAY to LAST_DAY", |offset| {
        FIRST_DAY.checked_add_days(Days::new(offset))
    })
}

/// A time of any [`date()`], to the second.
fn date_time() -> impl Strategy<Value = NaiveDateTime> {
    (date(), 0_u32..86_400).prop_map(|(day, second)| {
        day.and_time(
            NaiveTime::from_num_seconds_from_midnight_opt(second, 0)
                .expect("below 86400 s: a time of the day"),
        )
    })
}

/// An instant of any [`date()`], to the millisecond, with an offset of whole minutes
/// from -12:00 to +14:00, as RFC 3339 times are sent.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (date_time(), 0_u32..1000, -720_i32..=840).prop_map(|(local, millis, minutes)| {
        let offset = FixedOffset::east_opt(minutes * 60).expect("within ±14 hours: an offset");
        local
            .with_nanosecond(millis * 1_000_000)
            .and_then(|local| local.and_local_timezone(offset).single())
            .expect("below a second, and a fixed offset maps each local time to one instant")
    })
}

/// Text as a record's field holds it: empty, one of [`TRICKY_TEXTS`], a short mix of
/// ASCII, markup characters, quotes, backslashes and CJK, or any string at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        2 => select(&TRICKY_TEXTS[..]).prop_map(str::to_owned),
        4 => "[a-zA-Z0-9 <>&\"'\\\\\u{4e00}-\u{9fa5}]{1,24}",
        2 => any::<String>(),
    ]
    .boxed()
}

/// A phone number as users type them: a mobile number, a landline with its area code,
/// one with the country code, any mix of digits (full-width and Chinese ones too) and
/// separators, or none.
fn phone_number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "1[3-9][0-9]{9}",
        "0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}",
        r"\+86 1[3-9][0-9] [0-9]{4} [0-9]{4}",
        "[0-9０-９一二三四五六七八九零()+ -]{1,16}",
    ]
    .boxed()
}

/// A percentage from 0 to 100.
fn percent() -> impl Strategy<Value = Percent> {
    (0_u8..=100).prop_map(|value| Percent::new(value).expect("0 to 100: a percentage"))
}

/// A map coordinate within ±`degrees`, with 6 fractional digits.
fn coordinate(degrees: i32) -> impl Strategy<Value = f64> {
    (-degrees * 1_000_000..=degrees * 1_000_000).prop_map(|micro| f64::from(micro) / 1e6)
}

/// A distance: unknown (-1), whole, or with one fractional digit.
fn distance() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(-1.0),
        (0_u32..10_000_000).prop_map(f64::from),
        (0_u32..10_000_000).prop_map(|tenths| f64::from(tenths) / 10.0),
    ]
}

/// The JSON of `value`.
fn json_of<T: Serialize + ?Sized>(value: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).expect("a string or a list of strings serializes")
}

/// An address with phone numbers (their `*_hidden_result` empty or the number, as the
/// API sends them to a user who may see numbers), coordinates or none, and any texts.
fn address() -> impl Strategy<Value = Address> {
    let numbers = (phone_number(), phone_number(), any::<bool>());
    let coordinates = (option::of(coordinate(180)), option::of(coordinate(90)));
    (id(), numbers, uniform6(text()), coordinates, distance())
        .prop_map(|(id, (tel, phone, with_results), texts, (lng, lat), off_distance)| {
            let [qq, email, detail_address, url, gaode_staticmap, full_address] = texts;
            let mut address = Address::new(id);
            if with_results {
                address.tel_hidden_result.clone_from(&tel);
                address.phone_hidden_result.clone_from(&phone);
            }
            address.tel = tel;
            address.phone = phone;
            address.qq = qq;
            address.email = email;
            address.lng = lng;
            address.lat = lat;
            address.detail_address = detail_address;
            address.off_distance = off_distance;
            address.url = url;
            address.gaode_staticmap = gaode_staticmap;
            address.full_address = full_address;
            address
        })
        .boxed()
}

/// A contact, with an address or without.
fn contact() -> impl Strategy<Value = Contact> {
    (id(), text(), option::of(address())).prop_map(|(id, name, address)| {
        let mut contact = Contact::new(id);
        contact.name = name;
        contact.address = address;
        contact
    })
}

/// A user: any ids, name and texts (see the module docs), phone numbers, a creation
/// time or none, and hiding (`enabled_number_hidden_dispose`) on or off.
pub fn user() -> impl Strategy<Value = User> {
    let ids = uniform3(id());
    let numbers = (phone_number(), phone_number());
    (ids, text(), uniform5(text()), numbers, option::of(date_time()), any::<bool>())
        .prop_map(|([id, organization_id, role_id], name, texts, (phone, tel), created_at, hidden)| {
            let [email, workflow_state, job, avatar_url, department_name] = texts;
            let mut user = User::new(id, name, organization_id);
            user.email = email;
            user.created_at = created_at;
            user.phone = phone;
            user.role_id = role_id;
            user.workflow_state = workflow_state;
            user.job = job;
            user.tel = tel;
            user.avatar_url = avatar_url;
            user.department_name = department_name;
            user.enabled_number_hidden_dispose = hidden;
            user
        })
        .boxed()
}

/// A customer: any ids, name and texts (see the module docs), 0 to 3 contacts, an
/// address or none, phone numbers, times or none, a [`user()`] as creator or none, and
/// its own `organization_id` or none.
///
/// On its own, a customer's creator and `organization_id` name any company; a
/// [`bundle()`] makes them the user's.
pub fn customer() -> impl Strategy<Value = Customer> {
    let ids = (id(), id(), option::of(id()));
    let times = (option::of(instant()), option::of(date_time()), option::of(date_time()));
    let approval = (select(&APPROVE_STATUSES[..]), option::of(text()));
    let people = (vec(contact(), 0..=3), option::of(user()));
    (ids, text(), uniform8(text()), people, option::of(address()), times, uniform2(any::<bool>()), approval)
        .prop_map(
            |(
                (id, user_id, organization_id),
                name,
                texts,
                (contacts, creator),
                address,
                (revisit_at, created_at, updated_at),
                [is_own, is_user_self],
                (approve_status, approve_status_i18n),
            )| {
                let [
                    name_pinyin,
                    user_name,
                    company_name,
                    status,
                    status_mapped,
                    category,
                    category_mapped,
                    qixinbao_id,
                ] = texts;
                let mut customer = Customer::new(id, name);
                customer.name_pinyin = name_pinyin;
                customer.user_id = user_id;
                customer.user_name = user_name;
                customer.contacts = contacts;
                customer.company_name = company_name;
                customer.address = address;
                customer.revisit_at = revisit_at;
                customer.is_own = is_own;
                customer.status = status;
                customer.status_mapped = status_mapped;
                customer.category = category;
                customer.category_mapped = category_mapped;
                customer.qixinbao_id = qixinbao_id;
                customer.created_at = created_at;
                customer.updated_at = updated_at;
                customer.creator = creator;
                customer.is_user_self = is_user_self;
                approve_status.clone_into(&mut customer.approve_status);
                customer.approve_status_i18n = approve_status_i18n;
                customer.organization_id = organization_id;
                customer
            },
        )
        .boxed()
}

/// A product line: any product id and texts, a quantity above 0 and below 10^6, a
/// selling price below 10^9 (0 a tenth of the time), each with 0 to 6 fractional digits,
/// a list price of any [`amount()`] or none, a variant id or none.
///
/// Its total (price × quantity) is below 10^15 with at most 12 fractional digits, so
/// the totals of dozens of lines add up exactly (within a decimal's 28 digits), and
/// their sum fits a contract total (18 integer digits).
pub fn product_line() -> impl Strategy<Value = ProductLine> {
    let quantity = amount_below(1_000_000, true);
    let price = prop_oneof![1 => Just(Amount::ZERO), 9 => amount_below(1_000_000_000, false)];
    let ids = (id(), option::of(id()));
    (ids, quantity, price, option::of(amount()), uniform5(text()))
        .prop_map(|((product_id, product_attr_id), quantity, price, list_price, texts)| {
            let [name, product_no, spec, sale_unit, remark] = texts;
            let mut line = ProductLine::new(product_id, quantity, price);
            line.name = name;
            line.product_no = product_no;
            line.product_attr_id = product_attr_id;
            line.spec = spec;
            line.sale_unit = sale_unit;
            line.standard_unit_price = list_price;
            line.remark = remark;
            line
        })
        .boxed()
}

/// A custom value of the kind a key's prefix tells: text, a number (as a JSON number or
/// a decimal string), a date, or a list of file names.
fn custom_value(kind: FieldKind) -> BoxedStrategy<Box<RawValue>> {
    match kind {
        FieldKind::Number => prop_oneof![
            amount().prop_map(|amount| {
                RawValue::from_string(amount.to_string()).expect("an amount's text is a JSON number")
            }),
            amount().prop_map(|amount| json_of(&amount.to_string())),
        ]
        .boxed(),
        FieldKind::Date => date().prop_map(|day| json_of(&day.to_string())).boxed(),
        FieldKind::File => vec(text(), 0..=2).prop_map(|names| json_of(&names)).boxed(),
        // A phone number, never a mask (a phone field refuses one).
        FieldKind::Phone => {
            "(\\+86 )?[0-9]{0,4}(-?[0-9]{4}){0,2}".prop_map(|number| json_of(&number)).boxed()
        }
        FieldKind::Text | FieldKind::TextArea | FieldKind::SingleSelect | FieldKind::MultiSelect => {
            text().prop_map(|text| json_of(&text)).boxed()
        }
    }
}

/// An opportunity's custom values: 0 to 3 keys of any kind (`text_asset_o0`,
/// `numeric_asset_o1`, …), each with a value of its kind. No [`settings()`] maps them:
/// they convert as unmapped values, with a note.
fn custom_values() -> impl Strategy<Value = CustomValues> {
    let entry = select(&SOURCE_KINDS[..]).prop_flat_map(|kind| (Just(kind), custom_value(kind)));
    vec(entry, 0..=3)
        .prop_map(|entries| {
            let mut values = CustomValues::default();
            for (index, (kind, value)) in entries.into_iter().enumerate() {
                // `<prefix>o<n>` always holds `_asset_`: a custom-field key.
                values
                    .insert(format!("{}o{index}", kind.key_prefix()), value)
                    .expect("a <kind>_asset_o<n> key is a custom-field key");
            }
            values
        })
        .boxed()
}

/// An opportunity: any ids, title and texts (see the module docs), an [`amount()`], a
/// chance of signing or none, dates from [`date()`] or none, 0 to 5
/// [`product_line()`]s, 0 to 3 custom values that no [`settings()`] maps, a [`user()`]
/// as creator or none, and its own `organization_id` or none.
///
/// On its own, an opportunity's customer, creator and `organization_id` are any; a
/// [`bundle()`] makes them belong together.
pub fn opportunity() -> impl Strategy<Value = Opportunity> {
    let required = (id(), text(), amount(), id());
    let ids = (id(), option::of(id()));
    let dates = (option::of(date()), option::of(date()), option::of(date_time()));
    let parts = (vec(product_line(), 0..=MAX_LINES), custom_values(), option::of(user()));
    (required, ids, uniform10(text()), option::of(percent()), dates, uniform3(any::<bool>()), parts)
        .prop_map(
            |(
                (id, title, expect_amount, customer_id),
                (user_id, organization_id),
                texts,
                sign_possibility,
                (get_time, expect_sign_date, created_at),
                [is_own, is_my_assist_entity, is_user_self],
                (product_assets, custom_fields, creator),
            )| {
                let [
                    title_pinyin,
                    user_name,
                    stage,
                    stage_mapped,
                    customer_requirement,
                    source,
                    source_mapped,
                    kind,
                    kind_mapped,
                    customer_name,
                ] = texts;
                let mut opportunity = Opportunity::new(id, title, expect_amount, customer_id);
                opportunity.title_pinyin = title_pinyin;
                opportunity.user_id = user_id;
                opportunity.user_name = user_name;
                opportunity.sign_possibility = sign_possibility;
                opportunity.get_time = get_time;
                opportunity.stage = stage;
                opportunity.stage_mapped = stage_mapped;
                opportunity.expect_sign_date = expect_sign_date;
                opportunity.customer_requirement = customer_requirement;
                opportunity.source = source;
                opportunity.source_mapped = source_mapped;
                opportunity.kind = kind;
                opportunity.kind_mapped = kind_mapped;
                opportunity.customer_name = customer_name;
                opportunity.is_own = is_own;
                opportunity.is_my_assist_entity = is_my_assist_entity;
                opportunity.created_at = created_at;
                opportunity.creator = creator;
                opportunity.is_user_self = is_user_self;
                opportunity.product_assets = product_assets;
                opportunity.custom_fields = custom_fields;
                opportunity.organization_id = organization_id;
                opportunity
            },
        )
        .boxed()
}

/// Three records that belong together: an [`opportunity()`], its [`customer()`]
/// (`customer.id` is `opportunity.customer_id`, and the opportunity's `customer_name` is
/// the customer's name) and a [`user()`], hiding on or off; each record's creator and
/// own `organization_id`, where it has them, name the user's company. A record shows its
/// company by its creator, by its `organization_id`, by both or by neither, each a
/// quarter of the time.
///
/// Each converts with [`Converter::default()`](crate::Converter)'s
/// [`convert`](crate::Converter::convert), and with that of a converter
/// made from any [`settings()`], unless the settings' company check is
/// [`CompanyCheck::Strict`] and a record has no creator (an
/// [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) error).
pub fn bundle() -> impl Strategy<Value = Bundle> {
    (opportunity(), customer(), user()).prop_map(|(mut opportunity, mut customer, user)| {
        customer.id = opportunity.customer_id;
        opportunity.customer_name.clone_from(&customer.name);
        let evidence = [
            (&mut opportunity.creator, &mut opportunity.organization_id),
            (&mut customer.creator, &mut customer.organization_id),
        ];
        for (creator, organization_id) in evidence {
            if let Some(creator) = creator {
                creator.organization_id = user.organization_id;
            }
            if let Some(company) = organization_id {
                *company = user.organization_id;
            }
        }
        Bundle::new(opportunity, customer, user)
    })
}

/// A default for a contract field of `kind`, or none: text for text, text areas,
/// single selects and phones; a list of texts or one text for multi selects; an
/// [`amount()`] as a JSON number or a decimal string for numbers; a [`date()`] for
/// dates. Files take none.
fn field_default(kind: FieldKind) -> BoxedStrategy<Option<Box<RawValue>>> {
    match kind {
        FieldKind::File => Just(None).boxed(),
        FieldKind::MultiSelect => option::of(prop_oneof![
            vec(text(), 0..=3).prop_map(|options| json_of(&options)),
            text().prop_map(|option| json_of(&option)),
        ])
        .boxed(),
        FieldKind::Text
        | FieldKind::TextArea
        | FieldKind::SingleSelect
        | FieldKind::Number
        | FieldKind::Date
        | FieldKind::Phone => option::of(custom_value(kind)).boxed(),
    }
}

/// A contract template of 0 to 9 fields of any kinds (`text_asset_f0`,
/// `numeric_asset_f1`, …), each with a default or none, and mappings, in any order, that
/// fill some of them from opportunity fields of kinds they accept (`text_asset_s0`, …).
fn template() -> impl Strategy<Value = (Vec<ContractField>, Vec<FieldMapping>)> {
    let field = select(&FIELD_KINDS[..])
        .prop_flat_map(|kind| (Just(kind), field_default(kind), option::of(any::<Index>())));
    vec(field, 0..10)
        .prop_flat_map(|fields| {
            let mut contract_fields = Vec::with_capacity(fields.len());
            let mut mappings = Vec::new();
            for (index, (kind, default, source)) in fields.into_iter().enumerate() {
                let key = format!("{}f{index}", kind.key_prefix());
                if let Some(source) = source {
                    let accepted: Vec<FieldKind> =
                        SOURCE_KINDS.into_iter().filter(|&source_kind| kind.accepts(source_kind)).collect();
                    // Never empty: every kind accepts its own family (a select's and a
                    // phone's is text), so `get` has an item to pick.
                    let source_kind = *source.get(&accepted);
                    mappings.push(FieldMapping::new(
                        format!("{}s{index}", source_kind.key_prefix()),
                        key.clone(),
                    ));
                }
                let mut field = ContractField::new(key, kind);
                field.default = default;
                contract_fields.push(field);
            }
            (Just(contract_fields), Just(mappings).prop_shuffle())
        })
        .boxed()
}

/// Company settings that [`Converter::new`](crate::Converter::new) accepts: the total
/// from the opportunity's amount or from the sum of the lines, 0 to 3 approval steps,
/// hiding for every user on or off, either company check, and a contract template of 0
/// to 9 fields of any kinds with defaults or none, some filled from opportunity fields
/// of kinds they accept.
///
/// The template's keys are `<prefix>f<n>` (`text_asset_f0`), the mapped opportunity
/// fields `<prefix>s<n>`; an [`opportunity()`]'s own custom values are named
/// `<prefix>o<n>`, so no mapping copies them.
pub fn settings() -> impl Strategy<Value = CompanySettings> {
    let total = prop_oneof![Just(TotalSource::ExpectAmount), Just(TotalSource::SumOfLines)];
    let company_check = prop_oneof![Just(CompanyCheck::Evidence), Just(CompanyCheck::Strict)];
    (total, 0_u32..=3, any::<bool>(), company_check, template()).prop_map(
        |(total, steps, hide_numbers, company_check, (contract_fields, field_mapping))| CompanySettings {
            total,
            approval: ApprovalSettings { steps },
            contract_fields,
            field_mapping,
            hide_numbers,
            company_check,
            ..CompanySettings::default()
        },
    )
}

/// A value an opportunity may hold under a mapped key of `kind`: mostly one of its
/// kind, else an empty one (`""`, `null`, `[]`), else none at all.
fn source_value(kind: FieldKind) -> BoxedStrategy<Option<Box<RawValue>>> {
    let raw = |json: &str| Some(RawValue::from_string(json.to_owned()).expect("an empty value's JSON"));
    prop_oneof![
        4 => custom_value(kind).prop_map(Some),
        1 => Just(raw(r#""""#)),
        1 => Just(raw("null")),
        1 => Just(raw("[]")),
        1 => Just(None),
    ]
    .boxed()
}

/// [`settings()`] and a [`bundle()`] whose opportunity holds values under the keys the
/// settings map (of each key's kind, or empty: `""`, `null`, `[]`, or none), some with
/// a `_display` companion: the conversion's mapping path, where [`bundle()`] alone
/// never reaches.
///
/// # Panics
///
/// Never: every key it inserts holds `_asset_`, as a custom-field key must.
pub fn mapped() -> impl Strategy<Value = (CompanySettings, Bundle)> {
    settings().prop_flat_map(|settings| {
        let sources: Vec<_> = settings
            .field_mapping
            .iter()
            .map(|mapping| {
                let kind = FieldKind::of_key(&mapping.from).unwrap_or(FieldKind::Text);
                (Just(mapping.from.clone()), source_value(kind), option::of(text()))
            })
            .collect();
        (Just(settings), bundle(), sources).prop_map(|(settings, mut bundle, sources)| {
            for (key, value, display) in sources {
                let values = &mut bundle.opportunity.custom_fields;
                if let Some(value) = value {
                    values.insert(key.clone(), value).expect("a mapping's source is a custom-field key");
                }
                if let Some(display) = display {
                    values.insert(format!("{key}_display"), json_of(&display)).expect("a companion's key");
                }
            }
            (settings, bundle)
        })
    })
}
