//! Writes a synthetic canvas for manual tries and benchmarks:
//!
//! ```text
//! cargo run --release --example synth -- 10000 /tmp/big.ron [SEED]
//! vpcanvas /tmp/big.ron
//! cargo run --release --example synth -- dense:1200x1200 /tmp/dense.ron
//! ```
//!
//! `dense:RxP` writes R pain relievers each linking all P pains instead.

// An example program prints its result; the library itself goes through `output`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use vpcanvas::canvas::file::to_ron;
use vpcanvas::synth::{dense_links, synthetic};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(items), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: synth ITEMS PATH [SEED]");
        return ExitCode::from(2);
    };
    if let Some(shape) = items.strip_prefix("dense:") {
        return dense(shape, path);
    }
    let Ok(items) = items.replace(['_', ','], "").parse::<usize>() else {
        eprintln!("synth: ITEMS must be a whole number, not {items:?}");
        return ExitCode::from(2);
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 7,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("synth: SEED must be a whole number");
            return ExitCode::from(2);
        }
    };
    let text = to_ron(&synthetic(items, seed));
    if let Err(e) = std::fs::write(path, &text) {
        eprintln!("synth: {path}: {e}");
        return ExitCode::from(1);
    }
    eprintln!("wrote {items} items ({} bytes) to {path}", text.len());
    ExitCode::SUCCESS
}

/// `dense:RxP`: R relievers each linking all P pains.
fn dense(shape: &str, path: &str) -> ExitCode {
    let parsed = shape
        .split_once('x')
        .and_then(|(r, p)| Some((r.parse::<usize>().ok()?, p.parse::<usize>().ok()?)));
    let Some((relievers, pains)) = parsed else {
        eprintln!("synth: dense:RxP wants two whole numbers, e.g. dense:1200x1200");
        return ExitCode::from(2);
    };
    let text = to_ron(&dense_links(relievers, pains, 1));
    if let Err(e) = std::fs::write(path, &text) {
        eprintln!("synth: {path}: {e}");
        return ExitCode::from(1);
    }
    eprintln!(
        "wrote {relievers} × {pains} links ({} bytes) to {path}",
        text.len()
    );
    ExitCode::SUCCESS
}
