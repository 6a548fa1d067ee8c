//! The floor `benches/program.sh` measures `contract-draft --jsonl` against: each line
//! of a JSON Lines file parsed by serde_json into nothing (`IgnoredAny`, no value built)
//! and copied to the output, through the same buffered reading and writing. No program
//! that reads every bundle and writes as many bytes can do less.
//!
//! ```sh
//! cargo build --release --example parse_and_copy
//! target/release/examples/parse_and_copy FILE > /dev/null
//! ```

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};

use serde::de::IgnoredAny;

fn main() -> io::Result<()> {
    let path = std::env::args_os().nth(1).expect("usage: parse_and_copy FILE");
    let mut input = BufReader::with_capacity(256 << 10, File::open(path)?);
    let mut output = BufWriter::with_capacity(256 << 10, io::stdout().lock());
    let (mut line, mut invalid) = (Vec::new(), 0_u64);
    while input.read_until(b'\n', &mut line)? > 0 {
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        if serde_json::from_slice::<IgnoredAny>(text).is_err() {
            invalid += 1;
        }
        output.write_all(&line)?;
        line.clear();
    }
    output.flush()?;
    eprintln!("parse_and_copy: {invalid} lines not JSON");
    Ok(())
}
