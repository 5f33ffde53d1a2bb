//! Waiting for a condition with a deadline: the one way the tests wait for
//! anything another process does. The pause between two looks is the only
//! sleep in them (besides the kill -9 loop's seeded moments to strike).

use std::time::{Duration, Instant};

/// How long to wait between two looks.
const POLL: Duration = Duration::from_millis(20);

/// Looks with `check` until it gives a value and returns that; after
/// `within`, fails with what `why` says (the screen, stderr, …).
pub fn until<T>(
    within: Duration,
    mut check: impl FnMut() -> Option<T>,
    why: impl Fn() -> String,
) -> T {
    let deadline = Instant::now() + within;
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "{}", why());
        std::thread::sleep(POLL);
    }
}

/// Like [`until`], for a yes-or-no condition.
pub fn holds(within: Duration, mut check: impl FnMut() -> bool, why: impl Fn() -> String) {
    until(within, || check().then_some(()), why);
}
