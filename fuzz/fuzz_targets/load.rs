//! Any bytes given to the canvas reader: never a panic; whatever it accepts
//! is written back by `to_ron` as a file that reads as the same canvas, in
//! version 2 exactly when it uses version 2 (statuses, evidence, statements,
//! test and learning cards), else byte-for-byte version 1.
//!
//! Seed it with the hand-made inputs, v1 and v2:
//! `cargo fuzz run load ../tests/fixtures/fuzz` (from `fuzz/`, on nightly).

#![no_main]

use libfuzzer_sys::fuzz_target;
use vpcanvas::canvas::file::{parse_bytes, to_ron};

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse_bytes(data) {
        let text = to_ron(&parsed.canvas);
        match parse_bytes(text.as_bytes()) {
            Ok(again) => {
                assert_eq!(
                    again.canvas, parsed.canvas,
                    "round trip changed the canvas:\n{text}"
                );
                let expected = if parsed.canvas.uses_v2() { 2 } else { 1 };
                assert_eq!(again.version, expected, "wrong version written:\n{text}");
            }
            Err(e) => panic!("to_ron wrote a file that does not parse: {e}\n{text}"),
        }
        // Deterministic: the same canvas gives the same bytes.
        assert_eq!(to_ron(&parsed.canvas), text);
    }
});
