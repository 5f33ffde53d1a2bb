//! Any bytes given to the canvas reader: never a panic; whatever it accepts
//! is written back by `to_ron` as a file that reads as the same canvas, in
//! the lowest version that holds it: 3 when it uses votes, scores or
//! results, else 2 when it uses statuses, evidence, statements, test or
//! learning cards, else 1.
//!
//! Seed it with the hand-made inputs, versions 1 to 3:
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
                let expected = if parsed.canvas.uses_v3() {
                    3
                } else if parsed.canvas.uses_v2() {
                    2
                } else {
                    1
                };
                assert_eq!(again.version, expected, "wrong version written:\n{text}");
            }
            Err(e) => panic!("to_ron wrote a file that does not parse: {e}\n{text}"),
        }
        // Deterministic: the same canvas gives the same bytes.
        assert_eq!(to_ron(&parsed.canvas), text);
    }
});
