//! Free-form JSON (a contract's attachments, a mapped list's items) as Rails writes it
//! after parsing it: compact, strings decoded and re-escaped (`"\u00e9\/"` is written
//! `"é/"`), integers with all their digits (`-0` is `0`), other numbers as Ruby Floats
//! (`1.50` is `1.5`, `1E2` is `100.0`), keys in their order. Written token by token from
//! the text into text, so memory stays that of the text however the value is shaped,
//! and no integer passes through a double.
//!
//! What Ruby's parser refuses is refused: nesting deeper than [`MAX_NESTING`] levels
//! (`JSON.parse`'s `max_nesting`), lone surrogates; and a key given twice in one object,
//! which Ruby would silently collapse. At every depth a list holds at most
//! [`MAX_LIST_ITEMS`] items and an object [`MAX_FORM_KEYS`] keys (`crate::limits`).

use std::collections::HashSet;
use std::fmt::{self, Write as _};

use serde_json::value::RawValue;

use crate::encoding::float::RubyFloat;
use crate::error::echo::Quoted;
use crate::error::{Error, ErrorKind};
use crate::limits::{MAX_FORM_KEYS, MAX_LIST_ITEMS};

/// The deepest nesting Ruby's `JSON.parse` takes by default.
pub(crate) const MAX_NESTING: usize = 100;

/// Where the writer is: in a list (at its item) or in an object (its keys so far).
enum Level {
    List(usize),
    Object(HashSet<String>, Option<String>),
}

/// `raw` re-encoded as Rails writes the value it parses (see the module docs); an error
/// naming `path` (and the item or key within) where Ruby would not parse it.
pub(crate) fn normalized(raw: &RawValue, path: &str) -> Result<Box<RawValue>, Error> {
    let text = raw.get();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut levels: Vec<Level> = Vec::new();
    let mut expect_key = false;
    let mut at = 0;
    let problem = |levels: &[Level], kind, detail: fmt::Arguments<'_>| problem_at(path, levels, kind, detail);
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => at += 1,
            b'[' | b'{' => {
                if levels.len() >= MAX_NESTING {
                    return Err(problem(
                        &levels,
                        ErrorKind::InvalidValue,
                        format_args!(
                            "nests deeper than {MAX_NESTING} levels, which Ruby's JSON parser refuses"
                        ),
                    ));
                }
                levels.push(if byte == b'[' { Level::List(0) } else { Level::Object(HashSet::new(), None) });
                expect_key = byte == b'{';
                out.push(char::from(byte));
                at += 1;
            }
            b']' | b'}' => {
                levels.pop();
                expect_key = false;
                out.push(char::from(byte));
                at += 1;
            }
            b',' => {
                match levels.last_mut() {
                    Some(Level::List(index)) if *index + 1 == MAX_LIST_ITEMS => {
                        // Named by the list's own path, not its last item's.
                        return Err(problem(
                            &levels[..levels.len() - 1],
                            ErrorKind::InputTooLarge,
                            format_args!("has more than {MAX_LIST_ITEMS} items (the limit)"),
                        ));
                    }
                    Some(Level::List(index)) => *index += 1,
                    Some(Level::Object(..)) => expect_key = true,
                    None => {}
                }
                out.push(',');
                at += 1;
            }
            b':' => {
                expect_key = false;
                out.push(':');
                at += 1;
            }
            b'"' => {
                let end = string_end(bytes, at);
                let decoded: String = serde_json::from_str(&text[at..end]).map_err(|_| {
                    problem(
                        &levels,
                        ErrorKind::InvalidUtf8,
                        format_args!("holds an escape that is not a character"),
                    )
                })?;
                out.push_str(
                    &serde_json::to_string(&decoded).map_err(|error| {
                        problem(&levels, ErrorKind::InvalidValue, format_args!("{error}"))
                    })?,
                );
                if expect_key {
                    enter_key(path, &mut levels, decoded)?;
                }
                at = end;
            }
            b't' | b'f' | b'n' => {
                let word = ["true", "false", "null"]
                    .into_iter()
                    .find(|word| bytes[at..].starts_with(word.as_bytes()))
                    .expect("in JSON text, t, f and n outside strings start true, false and null");
                out.push_str(word);
                at += word.len();
            }
            _ => {
                let digits = bytes[at..]
                    .iter()
                    .take_while(|b| matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'));
                let end = (at + digits.count()).max(at + 1);
                write_number(&mut out, &text[at..end]).ok_or_else(|| {
                    problem(&levels, ErrorKind::InvalidValue, format_args!("is not a number Ruby parses"))
                })?;
                at = end;
            }
        }
    }
    RawValue::from_string(out).map_err(|error| Error::new(ErrorKind::MalformedJson, path, error))
}

/// An error of `kind` about the value the writer is at, within `path`.
/// Records `key` as the current key of the object being written: refused past
/// [`MAX_FORM_KEYS`] keys or when the object has it already.
fn enter_key(path: &str, levels: &mut [Level], key: String) -> Result<(), Error> {
    let Some(Level::Object(keys, current)) = levels.last_mut() else { return Ok(()) };
    *current = None;
    if keys.len() == MAX_FORM_KEYS {
        let detail = format_args!("has more than {MAX_FORM_KEYS} keys (the limit)");
        return Err(problem_at(path, levels, ErrorKind::InputTooLarge, detail));
    }
    if keys.contains(&key) {
        let detail = format_args!("has the key {} twice", Quoted(&key));
        return Err(problem_at(path, levels, ErrorKind::InvalidValue, detail));
    }
    keys.insert(key.clone());
    *current = Some(key);
    Ok(())
}

fn problem_at(path: &str, levels: &[Level], kind: ErrorKind, detail: fmt::Arguments<'_>) -> Error {
    let mut inner = path.to_owned();
    for level in levels {
        match level {
            Level::List(index) => {
                let _ = write!(inner, "[{index}]");
            }
            Level::Object(_, Some(key)) => inner = crate::error::echo::key_path(&inner, key),
            Level::Object(_, None) => {}
        }
    }
    Error::new(kind, inner, detail)
}

/// Writes a JSON number as Ruby writes what it parses: an integer as it is (`-0` as
/// `0`), any other as a Ruby Float; `None` for a number no double holds.
fn write_number(out: &mut String, number: &str) -> Option<()> {
    if number.contains(['.', 'e', 'E']) {
        let value: f64 = number.parse().ok()?;
        if !value.is_finite() {
            // Ruby parses `1e400` as Infinity, which ActiveSupport writes as `null`.
            out.push_str("null");
            return Some(());
        }
        write!(out, "{}", RubyFloat(value)).ok()
    } else {
        out.push_str(if number == "-0" { "0" } else { number });
        Some(())
    }
}

/// The end (one past the closing quote) of the string literal starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(json: &str) -> Result<String, String> {
        let raw: Box<RawValue> = serde_json::from_str(json).map_err(|error| error.to_string())?;
        normalized(&raw, "contract.attachments_attributes")
            .map(|raw| raw.get().to_owned())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn values_are_written_as_rails_writes_what_it_parsed() {
        assert_eq!(
            normal(r#"[ "\u00e9\/", 1.50, 1E2, -0.0, 7, -3, 1e-5, null, true ]"#).unwrap(),
            r#"["é/",1.5,100.0,-0.0,7,-3,1.0e-05,null,true]"#
        );
        assert_eq!(
            normal(r#"{ "b" : {"x": []}, "a": "\n\u0001" }"#).unwrap(),
            r#"{"b":{"x":[]},"a":"\n\u0001"}"#
        );
        assert_eq!(normal("[]").unwrap(), "[]");
        assert_eq!(normal("{}").unwrap(), "{}");
        assert_eq!(normal("[[],{}]").unwrap(), "[[],{}]");
        assert_eq!(
            normal("[123456789012345678901234567890, -9223372036854775809, -0, 0.0, 1e22]").unwrap(),
            "[123456789012345678901234567890,-9223372036854775809,0,0.0,1.0e+22]"
        );
        // Beyond a double: Ruby parses Infinity, which ActiveSupport writes as null
        // (`ActiveSupport::JSON.encode(JSON.parse("[1e400, -1e999, 1.5]"))`).
        assert_eq!(normal("[1e400, -1e999, 1.5]").unwrap(), "[null,null,1.5]");
        // Values are not keys: the same value under two keys is no key given twice.
        assert_eq!(
            normal(r#"{"a": "x", "b": "x", "c": {"x": "a"}}"#).unwrap(),
            r#"{"a":"x","b":"x","c":{"x":"a"}}"#
        );
    }

    #[test]
    fn what_ruby_would_not_parse_is_refused() {
        let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(normal(&deep(MAX_NESTING)).unwrap(), deep(MAX_NESTING));
        assert!(normal(&deep(MAX_NESTING + 1)).unwrap_err().contains("nests deeper than 100 levels"));
        let error = normal(r#"[{"a": 1, "a": 2}]"#).unwrap_err();
        assert_eq!(error, r#"contract.attachments_attributes[0]: has the key "a" twice"#);
        let error = normal(r#"[1, {"b": [0, {"a": 1, "a": 2}]}]"#).unwrap_err();
        assert_eq!(error, r#"contract.attachments_attributes[1].b[1]: has the key "a" twice"#);
        assert!(normal(r#"["a\ud800"]"#).is_err());
        assert_eq!(normal(r#"[{"a": 1}, {"a": 2}]"#).unwrap(), r#"[{"a":1},{"a":2}]"#);
    }
}
