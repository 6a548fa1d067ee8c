//! Memory bounds: each entry point, given an adversarial input of a few megabytes, peaks
//! at no more than [`FACTOR`] × the input's size plus [`SLACK`] bytes of heap beyond the
//! input itself (docs/ENCODINGS.md, "Limits"). A test binary of its own, because it replaces the
//! global allocator with one that counts.
//!
//! The shapes are those that once cost 20–50× their size: a long custom list nothing
//! maps, hundreds of thousands of contacts, a create request of many keys or a long
//! attachment list, payment plans of many terms.

// The counting allocator is the only `unsafe` of the workspace: implementing
// `GlobalAlloc` takes it (the workspace denies `unsafe_code` elsewhere and the library
// forbids it).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use contract_draft::limits::{
    MAX_CONTACTS, MAX_CUSTOM_FIELDS, MAX_LIST_ITEMS, MAX_PAYMENTS, MAX_PLAN_TERMS, MAX_PRODUCT_LINES,
};
use contract_draft::lines::{LinesOptions, convert_lines};
use contract_draft::plans::ScheduleRequest;
use contract_draft::receivables::ContractPayments;
use contract_draft::submit::ContractForm;
use contract_draft::{CompanySettings, Converter, Error, ErrorKind, Opportunity};

/// Heap in use, and the most in use since the last [`measure`] began.
struct Counting {
    current: AtomicUsize,
    peak: AtomicUsize,
}

// SAFETY: every call is passed to `System` unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is `System::alloc`'s.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            self.grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from `alloc` or `realloc` above, that is from `System`.
        unsafe { System.dealloc(pointer, layout) };
        self.current.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; `new_size` is the caller's to get right.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            self.current.fetch_sub(layout.size(), Ordering::Relaxed);
            self.grew(new_size);
        }
        moved
    }
}

impl Counting {
    fn grew(&self, size: usize) {
        let now = self.current.fetch_add(size, Ordering::Relaxed) + size;
        self.peak.fetch_max(now, Ordering::Relaxed);
    }
}

#[global_allocator]
static HEAP: Counting = Counting { current: AtomicUsize::new(0), peak: AtomicUsize::new(0) };

/// The most heap an entry point may take beyond its input, per byte of input.
const FACTOR: usize = 4;
/// And the fixed part: buffers, tables, the converter.
const SLACK: usize = 8 << 20;

/// Measurements one at a time: the harness runs tests on several threads.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The peak heap `run` takes beyond what was in use when it began (other threads
/// allocating nothing meanwhile: see [`assert_bounded`]).
fn measure(run: impl FnOnce()) -> usize {
    let before = HEAP.current.load(Ordering::Relaxed);
    HEAP.peak.store(before, Ordering::Relaxed);
    run();
    HEAP.peak.load(Ordering::Relaxed) - before
}

/// Checks the bound for the input `make` makes. Input is made and measured one test at
/// a time: another test's allocations would count in this one's peak.
/// `run` must give the outcome `expected` names: an input at a limit reads, one
/// beyond it is refused as too large, whatever else.
#[track_caller]
fn assert_bounded(
    what: &str,
    expected: Outcome,
    make: impl FnOnce() -> String,
    run: impl FnOnce(&[u8]) -> Result<(), Error>,
) {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let input = make();
    let mut outcome = Ok(());
    let peak = measure(|| outcome = run(input.as_bytes()));
    match (expected, outcome) {
        (Outcome::Reads, Err(error)) => panic!("{what}: {error}"),
        (Outcome::TooLarge, Ok(())) => panic!("{what}: read"),
        // Settings refused for any reason are invalid settings, a custom value that
        // cannot fill its field an invalid value; the message says why.
        (Outcome::TooLarge, Err(error)) => assert!(
            matches!(
                error.kind(),
                ErrorKind::InputTooLarge | ErrorKind::InvalidSettings | ErrorKind::InvalidValue
            ) && error.to_string().contains("(the limit)"),
            "{what}: {error}"
        ),
        _ => {}
    }
    let bound = FACTOR * input.len() + SLACK;
    eprintln!("{what}: {} bytes in, peak {peak} ({}% of the input)", input.len(), peak * 100 / input.len());
    assert!(
        peak <= bound,
        "{what}: {} bytes of input took {peak} bytes of heap (bound {bound})",
        input.len()
    );
}

/// What an input must give.
#[derive(Clone, Copy)]
enum Outcome {
    Reads,
    TooLarge,
}
use Outcome::{Reads, TooLarge};

/// About `bytes` of input: `count` copies of `item` joined by commas.
fn repeated(item: &str, bytes: usize) -> String {
    let count = bytes / (item.len() + 1);
    let mut list = String::with_capacity(bytes + 16);
    for i in 0..count {
        if i > 0 {
            list.push(',');
        }
        list.push_str(item);
    }
    list
}

const MB: usize = 1 << 20;

fn sample_bundle() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bundle.json");
    std::fs::read_to_string(path).unwrap()
}

/// Settings that map the opportunity's `text_asset_1ca6ef` onto a multi select.
fn mapping_settings() -> CompanySettings {
    let settings = r#"{"version": 1, "contract_fields": [{"key": "text_asset_1ca6ef", "kind": "multi_select"}],
        "field_mapping": [{"from": "text_asset_1ca6ef", "to": "text_asset_1ca6ef"}]}"#;
    CompanySettings::from_json(settings.as_bytes()).unwrap()
}

/// The sample bundle with `members` added to the opportunity.
fn bundle_with(members: &str) -> String {
    sample_bundle().replacen(r#""title_pinyin""#, &format!(r#"{members}, "title_pinyin""#), 1)
}

fn convert(converter: &Converter) -> impl Fn(&[u8]) -> Result<(), Error> + '_ {
    move |json| converter.convert_json(json).map(drop)
}

/// Inputs of this size are far beyond every count limit: what is refused must be
/// refused before it is kept.
const LARGE: usize = 15 * MB;

/// `count` numbered copies of `item` (`{i}` in it replaced by the number).
fn numbered(item: &str, count: usize) -> String {
    (0..count).map(|i| item.replace("{i}", &format!("{i:x}"))).collect::<Vec<_>>().join(",")
}

fn create_request(json: &[u8]) -> Result<(), Error> {
    Converter::default().create_request(&ContractForm::from_json(json)?).map(drop)
}

#[test]
fn a_long_custom_list_nothing_maps() {
    let make = || bundle_with(&format!(r#""text_asset_ffffff": [{}]"#, repeated(r#""选项一""#, LARGE)));
    assert_bounded("unmapped list", Reads, make, convert(&Converter::new(&mapping_settings()).unwrap()));
}

#[test]
fn a_mapped_list_at_and_beyond_the_limit() {
    let converter = Converter::new(&mapping_settings()).unwrap();
    let at = |count| {
        move || bundle_with(&format!(r#""text_asset_1ca6ef": [{}]"#, numbered(r#""选项{i}""#, count)))
    };
    assert_bounded("mapped list at the limit", Reads, at(MAX_LIST_ITEMS), convert(&converter));
    let make = || bundle_with(&format!(r#""text_asset_1ca6ef": [{}]"#, repeated(r#""选项一""#, LARGE)));
    assert_bounded("mapped list beyond the limit", TooLarge, make, convert(&converter));
}

#[test]
fn custom_fields_at_and_beyond_the_limit() {
    let fields = |count| move || bundle_with(&numbered(r#""text_asset_{i}": "v""#, count));
    assert_bounded(
        "custom fields at the limit",
        Reads,
        fields(MAX_CUSTOM_FIELDS),
        convert(&Converter::default()),
    );
    assert_bounded(
        "custom fields beyond the limit",
        TooLarge,
        fields(LARGE / 22),
        convert(&Converter::default()),
    );
}

#[test]
fn contacts_at_and_beyond_the_limit() {
    let contacts = |count| {
        move || {
            let contacts = repeated(r#"{"id": 1, "name": "n"}"#, count * 23);
            sample_bundle().replacen(r#""contacts": ["#, &format!(r#""contacts": [{contacts},"#), 1)
        }
    };
    assert_bounded(
        "contacts at the limit",
        Reads,
        contacts(MAX_CONTACTS - 2),
        convert(&Converter::default()),
    );
    assert_bounded(
        "contacts beyond the limit",
        TooLarge,
        contacts(LARGE / 23),
        convert(&Converter::default()),
    );
}

#[test]
fn product_lines_at_and_beyond_the_limit() {
    let lines = |bytes| {
        move || {
            bundle_with(&format!(
                r#""product_assets": [{}]"#,
                repeated(r#"{"product_id": 1, "recommended_unit_price": "1.5", "quantity": "2"}"#, bytes)
            ))
        }
    };
    assert_bounded(
        "product lines at the limit",
        Reads,
        lines(MAX_PRODUCT_LINES * 68),
        convert(&Converter::default()),
    );
    assert_bounded("product lines beyond the limit", TooLarge, lines(LARGE), convert(&Converter::default()));
}

#[test]
fn a_record_alone() {
    let make = || {
        let list = repeated(r#""x""#, LARGE);
        format!(
            r#"{{"id": 1, "title": "t", "expect_amount": "1", "customer_id": 2, "text_asset_a": [{list}]}}"#
        )
    };
    assert_bounded("opportunity", Reads, make, |json| Opportunity::from_json(json).map(drop));
}

#[test]
fn settings_at_and_beyond_the_limit() {
    let settings = |count| {
        move || {
            format!(
                r#"{{"version": 1, "contract_fields": [{}]}}"#,
                numbered(r#"{"key": "text_asset_{i}", "kind": "text"}"#, count)
            )
        }
    };
    let read = |json: &[u8]| Converter::new(&CompanySettings::from_json(json)?).map(drop);
    assert_bounded("settings at the limit", Reads, settings(MAX_CUSTOM_FIELDS), read);
    assert_bounded("settings beyond the limit", TooLarge, settings(LARGE / 45), read);
}

#[test]
fn create_requests_of_many_keys() {
    // A company of as many contract fields as there may be, and a form filling each.
    let fields = numbered(r#"{"key": "text_asset_{i}", "kind": "text"}"#, MAX_CUSTOM_FIELDS);
    let settings = format!(r#"{{"version": 1, "contract_fields": [{fields}]}}"#);
    let converter = Converter::new(&CompanySettings::from_json(settings.as_bytes()).unwrap()).unwrap();
    let form = |count| {
        move || {
            format!(
                r#"{{"contract": {{{}, "title": "T", "sn": "S", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31"}}}}"#,
                numbered(r#""text_asset_{i}": "v""#, count)
            )
        }
    };
    let create = |json: &[u8]| converter.create_request(&ContractForm::from_json(json)?).map(drop);
    assert_bounded("form keys at the limit", Reads, form(MAX_CUSTOM_FIELDS), create);
    assert_bounded("form keys beyond the limit", TooLarge, form(LARGE / 22), create);
}

#[test]
fn create_requests_of_long_lists() {
    let form = |key: &'static str, item: &'static str, bytes| {
        move || {
            format!(
                r#"{{"contract": {{"title": "T", "sn": "S", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31", "{key}": [{}]}}}}"#,
                repeated(item, bytes)
            )
        }
    };
    // One attachment of many keys, and one of a long list, far beyond the limits.
    let object = move || {
        form("attachments_attributes", "", 0)()
            .replace("[]", &format!("[{{{}}}]", numbered(r#""k{i}": 0"#, LARGE / 10)))
    };
    assert_bounded("an attachment of many keys", TooLarge, object, create_request);
    let pages = move || {
        form("attachments_attributes", "", 0)()
            .replace("[]", &format!(r#"[{{"pages": [{}]}}]"#, repeated("1", LARGE)))
    };
    assert_bounded("an attachment of a long list", TooLarge, pages, create_request);
    let attachment = r#"{"id": 1, "name": "a.pdf"}"#;
    let line = r#"{"product_id": 1, "recommended_unit_price": "1.5", "quantity": "2", "total_price": "3"}"#;
    assert_bounded(
        "attachments at the limit",
        Reads,
        form("attachments_attributes", attachment, MAX_LIST_ITEMS * 27),
        create_request,
    );
    assert_bounded(
        "attachments beyond the limit",
        TooLarge,
        form("attachments_attributes", attachment, LARGE),
        create_request,
    );
    assert_bounded(
        "form lines at the limit",
        Reads,
        form("product_assets_attributes", line, MAX_PRODUCT_LINES * 88),
        create_request,
    );
    assert_bounded(
        "form lines beyond the limit",
        TooLarge,
        form("product_assets_attributes", line, LARGE),
        create_request,
    );
}

#[test]
fn payment_plans_at_and_beyond_the_limit() {
    let request = |count| {
        move || {
            let terms = numbered(r#"{"percent": "0.5", "after_months": 0}"#, count);
            format!(
                r#"{{"total_amount": "100", "start": "2026-01-01", "terms": [{terms}, {{"balance": true}}]}}"#
            )
        }
    };
    let schedule = |json: &[u8]| ScheduleRequest::from_json(json)?.schedule().map(drop);
    assert_bounded("plan terms at the limit", Reads, request(MAX_PLAN_TERMS - 1), schedule);
    assert_bounded("plan terms beyond the limit", TooLarge, request(LARGE / 37), schedule);
}

#[test]
fn receivables_at_and_beyond_the_limit() {
    let input = |count| {
        move || {
            format!(
                r#"{{"total_amount": "1000", "received_payments": [{}]}}"#,
                repeated(r#"{"amount": "0.01", "approve_status": "approved"}"#, count * 47)
            )
        }
    };
    let receivables = |json: &[u8]| ContractPayments::from_json(json)?.receivables().map(drop);
    assert_bounded("payments at the limit", Reads, input(MAX_PAYMENTS), receivables);
    assert_bounded("payments beyond the limit", TooLarge, input(LARGE / 47), receivables);
}

#[test]
fn json_lines_of_long_lines() {
    let make = || {
        let line = bundle_with(&format!(r#""text_asset_ffffff": [{}]"#, repeated(r#""x""#, 3 * MB)))
            .replace('\n', "");
        format!("{line}\n").repeat(5)
    };
    assert_bounded("json lines", Reads, make, |json| {
        let summary =
            convert_lines(&Converter::default(), json, std::io::sink(), LinesOptions::default(), |_| {});
        assert_eq!(summary.map(|summary| summary.converted).ok(), Some(5));
        Ok(())
    });
}
