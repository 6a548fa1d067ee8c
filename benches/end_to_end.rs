//! Bundle JSON text to envelope JSON text, against, in the same run: (a) the untyped
//! floor, the same bytes parsed by serde_json into nothing (`IgnoredAny`) and an
//! envelope's worth of bytes copied out, which no implementation that reads the bundle
//! and writes the envelope can beat; (b) the design's own bound, parsing the bundle into
//! the input types plus serializing an already-built draft; and (c) what a team would
//! write instead: a straightforward transform over `serde_json::Value` producing the
//! same bytes.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use contract_draft::lines::{LinesOptions, convert_lines};
use contract_draft::{Bundle, Converter, Envelope, JsonStyle, Layout};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::de::IgnoredAny;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

/// Plain compact JSON, as `serde_json::to_writer` writes it.
const PLAIN: JsonStyle = JsonStyle::new(Layout::Compact, false);
/// The program's `--compact` default: HTML-safe.
const HTML_SAFE: JsonStyle = JsonStyle::new(Layout::Compact, true);

/// The crate's path: text in, checked conversion, text out.
fn end_to_end(converter: &Converter, json: &[u8], style: JsonStyle, out: &mut Vec<u8>) {
    out.clear();
    let conversion = converter.convert_json(json).expect("the sample converts");
    style.append(out, &Envelope::new(&conversion.draft)).expect("a draft serializes");
}

fn end_to_end_group(c: &mut Criterion) {
    let json = compact_sample();
    let converter = Converter::default();
    let mut out = Vec::with_capacity(8 << 10);
    end_to_end(&converter, &json, PLAIN, &mut out);
    assert_eq!(out, value_transform(&json), "the Value transform must produce the same bytes");
    let built = converter.convert_json(&json).unwrap().draft;

    let mut group = c.benchmark_group("end_to_end");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("bundle_json_to_envelope_json", |b| {
        b.iter(|| end_to_end(&converter, black_box(&json), PLAIN, &mut out));
    });
    let envelope = out.clone();
    // The batch path (`contract-draft --jsonl`): one line through `convert_lines`, the
    // draft written by its compact writer, HTML-safe as the program writes it.
    let line = [json.as_slice(), b"\n"].concat();
    group.bench_function("bundle_line_through_convert_lines", |b| {
        b.iter(|| {
            out.clear();
            convert_lines(&converter, black_box(&line[..]), &mut out, LinesOptions::default(), |_| {})
                .unwrap()
        });
    });
    group.bench_function("lower_bound_untyped_parse_and_copy", |b| {
        b.iter(|| {
            out.clear();
            let parsed: IgnoredAny = serde_json::from_slice(black_box(&json)).unwrap();
            out.extend_from_slice(black_box(&envelope));
            parsed
        });
    });
    group.bench_function("lower_bound_parse_then_serialize_built_draft", |b| {
        b.iter(|| {
            out.clear();
            let parsed = Bundle::from_json(black_box(&json)).unwrap();
            PLAIN.write(&mut out, &Envelope::new(black_box(&built))).unwrap();
            parsed
        });
    });
    group.bench_function("value_transform", |b| b.iter(|| value_transform(black_box(&json))));
    group.bench_function("bundle_json_to_envelope_json_html_safe", |b| {
        b.iter(|| end_to_end(&converter, black_box(&json), HTML_SAFE, &mut out));
    });
    group.finish();

    // The cost of HTML-safe escaping alone: writing a built draft both ways.
    let mut group = c.benchmark_group("escaping");
    for (name, style) in [("write_draft_plain", PLAIN), ("write_draft_html_safe", HTML_SAFE)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                style.append(&mut out, &Envelope::new(black_box(&built))).unwrap();
            });
        });
    }
    group.finish();
}

/// The documented sample bundle on one line.
fn compact_sample() -> Vec<u8> {
    let value: Value = serde_json::from_slice(include_bytes!("../fixtures/bundle.json")).unwrap();
    serde_json::to_vec(&value).unwrap()
}

// ---- What a team would write instead: a transform over serde_json::Value. ----
// serde_json's `Map` sorts its keys (without the global `preserve_order` feature), so the
// output order has to be spelled out key by key, nested records included.

/// A JSON value whose objects keep the order they were built in.
enum Node {
    Leaf(Value),
    Object(Vec<(&'static str, Node)>),
    Array(Vec<Node>),
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Leaf(value) => value.serialize(serializer),
            Node::Array(items) => serializer.collect_seq(items),
            Node::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

const USER: &[&str] = &[
    "id",
    "email",
    "created_at",
    "name",
    "organization_id",
    "phone",
    "role_id",
    "workflow_state",
    "job",
    "tel",
    "avatar_url",
    "department_name",
];
const OPPORTUNITY: &[&str] = &[
    "id",
    "title",
    "title_pinyin",
    "user_id",
    "user_name",
    "expect_amount",
    "sign_possibility",
    "get_time",
    "stage",
    "stage_mapped",
    "expect_sign_date",
    "customer_requirement",
    "source",
    "source_mapped",
    "kind",
    "kind_mapped",
    "customer_id",
    "customer_name",
    "is_own",
    "is_my_assist_entity",
    "created_at",
    "creator",
    "is_user_self",
];
const CUSTOMER: &[&str] = &[
    "id",
    "name",
    "name_pinyin",
    "user_id",
    "user_name",
    "contacts",
    "company_name",
    "address",
    "revisit_at",
    "is_own",
    "status",
    "status_mapped",
    "category",
    "category_mapped",
    "qixinbao_id",
    "created_at",
    "updated_at",
    "creator",
    "is_user_self",
    "approve_status",
    "approve_status_i18n",
];
const CONTACT: &[&str] = &["id", "name", "address"];
const ADDRESS: &[&str] = &[
    "id",
    "tel",
    "tel_hidden_result",
    "phone",
    "phone_hidden_result",
    "qq",
    "email",
    "lng",
    "lat",
    "detail_address",
    "off_distance",
    "url",
    "gaode_staticmap",
    "full_address",
];

/// `record`'s `keys` in order; nested records by their own key lists.
fn ordered(record: &Value, keys: &[&'static str]) -> Node {
    Node::Object(
        keys.iter()
            .map(|&key| {
                let value = &record[key];
                let node = match key {
                    "creator" => ordered(value, USER),
                    "address" => ordered(value, ADDRESS),
                    "contacts" => Node::Array(
                        value
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|contact| ordered(contact, CONTACT))
                            .collect(),
                    ),
                    _ => Node::Leaf(value.clone()),
                };
                (key, node)
            })
            .collect(),
    )
}

fn value_transform(json: &[u8]) -> Vec<u8> {
    let input: Value = serde_json::from_slice(json).unwrap();
    let (opportunity, customer, user) = (&input["opportunity"], &input["customer"], &input["user"]);
    let total = opportunity["expect_amount"].as_str().unwrap_or("0.0");
    let total_number: f64 = total.parse().unwrap_or(0.0);
    let start = opportunity["expect_sign_date"].as_str().unwrap_or("");
    let times = format!("{start} - ");
    let leaf = |value: Value| Node::Leaf(value);
    let data = Node::Object(vec![
        ("id", leaf(json!(0))),
        ("category", leaf(json!(""))),
        ("category_mapped", leaf(json!(""))),
        ("payment_type", leaf(json!(""))),
        ("payment_type_mapped", leaf(json!(""))),
        ("status", leaf(json!(""))),
        ("status_mapped", leaf(json!(""))),
        ("is_editable", leaf(json!(true))),
        ("organization_id", leaf(user["organization_id"].clone())),
        ("title", leaf(opportunity["title"].clone())),
        ("total_amount", leaf(json!(total))),
        ("start_at", leaf(json!(start))),
        ("end_at", leaf(json!(""))),
        ("customer_signer", leaf(json!(""))),
        ("need_hidden_dispose", leaf(json!(false))),
        ("revisit_remind_at", leaf(json!(""))),
        ("received_payments_plan_count", leaf(json!(0))),
        ("received_payments_plan_amount", leaf(json!(0))),
        ("times_display", leaf(json!(times))),
        ("received_payments_amount", leaf(json!(0.0))),
        ("unreceived_amount", leaf(json!(total_number))),
        ("unchecking_payments_amount", leaf(json!(total_number))),
        ("checking_payments_amount", leaf(json!(0.0))),
        ("sign_date", leaf(json!(""))),
        ("times", leaf(json!(times))),
        ("sn", leaf(json!(""))),
        ("approve_status", leaf(json!(""))),
        ("approve_status_i18n", leaf(Value::Null)),
        ("approve_deny_type", leaf(json!(0))),
        ("all_attachments", leaf(json!([]))),
        ("attachments", leaf(json!("暂无附件"))),
        ("owned_department", leaf(json!({}))),
        ("is_own", leaf(json!(true))),
        ("is_has_policy_for_assist_user", leaf(json!(false))),
        ("before_user", leaf(json!({}))),
        ("is_my_assist_entity", leaf(json!(false))),
        ("product_assets_for_new_record", leaf(json!([]))),
        ("our_signer", leaf(json!(""))),
        ("special_terms", leaf(json!("0"))),
        ("created_at", leaf(json!(""))),
        ("updated_at", leaf(json!(""))),
        ("product_assets", leaf(json!("暂无产品"))),
        ("before_owned_department", leaf(json!({}))),
        ("creator", leaf(json!({}))),
        ("user", ordered(user, USER)),
        ("opportunity", ordered(opportunity, OPPORTUNITY)),
        ("customer", ordered(customer, CUSTOMER)),
        ("can_approve", leaf(json!(true))),
        ("step_can_approve", leaf(json!(false))),
        ("step", leaf(json!(0))),
        ("notify_users", leaf(json!([]))),
        ("can_revert_applying", leaf(json!(false))),
        ("need_approve_step", leaf(json!(1))),
        ("attachments_count", leaf(json!(0))),
        ("file_attachments_count", leaf(json!(0))),
        ("is_user_self", leaf(json!(true))),
        ("custom_field_template", leaf(json!({}))),
    ]);
    serde_json::to_vec(&Node::Object(vec![("code", leaf(json!(0))), ("data", data)])).unwrap()
}

criterion_group!(benches, end_to_end_group);
criterion_main!(benches);
