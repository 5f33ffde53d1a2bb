//! Format version 2 (SPEC §2, §7): the state of each assumption, saved
//! statements, test cards, learning cards and the pairs a merge left open.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ItemId, Rate, TestResult};

/// The state of the assumption an item states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Untested,
    Testing,
    Validated,
    Invalidated,
}

impl Status {
    /// The order `v` cycles through.
    #[must_use]
    pub fn next(self) -> Status {
        match self {
            Status::Untested => Status::Testing,
            Status::Testing => Status::Validated,
            Status::Validated => Status::Invalidated,
            Status::Invalidated => Status::Untested,
        }
    }

    /// The word as written in the file and shown to people.
    pub fn name(self) -> &'static str {
        match self {
            Status::Untested => "Untested",
            Status::Testing => "Testing",
            Status::Validated => "Validated",
            Status::Invalidated => "Invalidated",
        }
    }

    /// A marker readable without colour (`--ascii` has its own stand-ins).
    pub fn marker(self) -> &'static str {
        match self {
            Status::Untested => " ",
            Status::Testing => "~",
            Status::Validated => "✓",
            Status::Invalidated => "✗",
        }
    }

    /// The ASCII marker, for fonts without the check marks.
    pub fn ascii_marker(self) -> &'static str {
        match self {
            Status::Untested => " ",
            Status::Testing => "~",
            Status::Validated => "+",
            Status::Invalidated => "x",
        }
    }

    /// Whether the question is settled (nothing left to test).
    pub fn is_settled(self) -> bool {
        matches!(self, Status::Validated | Status::Invalidated)
    }
}

/// A saved value proposition statement: a named variant and its final text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub id: ItemId,
    pub name: String,
    pub text: String,
}

/// Where a test card is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum TestState {
    #[default]
    Planned,
    Running,
    Done,
}

impl TestState {
    /// Planned → Running → Done → Planned.
    #[must_use]
    pub fn next(self) -> TestState {
        match self {
            TestState::Planned => TestState::Running,
            TestState::Running => TestState::Done,
            TestState::Done => TestState::Planned,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TestState::Planned => "Planned",
            TestState::Running => "Running",
            TestState::Done => "Done",
        }
    }
}

/// A test card: the hypothesis, how it is tested and measured, and when it is right.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TestCard {
    pub id: ItemId,
    pub name: String,
    /// "We believe that …"
    pub believe: String,
    /// "To verify that, we will …"
    pub verify: String,
    /// "And measure …"
    pub measure: String,
    /// "We are right if …"
    pub right_if: String,
    /// The canvas items it tests.
    pub items: Vec<ItemId>,
    /// The saved statements it tests (an A/B test names two or more).
    pub statements: Vec<ItemId>,
    pub state: TestState,
    pub deadline: Option<Date>,
    /// The conversion rate `right_if` asks for (format version 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Rate>,
    /// What each variant measured (format version 3).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<TestResult>,
}

impl TestCard {
    /// Whether a running test is past its deadline on `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.state == TestState::Running && self.deadline.is_some_and(|d| d < today)
    }
}

/// A learning card: what was observed, what it taught, what comes next.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Learning {
    pub id: ItemId,
    /// The test it comes from; `None` for an observation outside a test.
    pub test: Option<ItemId>,
    /// "We observed …"
    pub observed: String,
    /// "From that we learned …"
    pub learned: String,
    /// "Therefore we will …"
    pub decision: String,
    pub date: Option<Date>,
    /// Items the learning supports (their status becomes Validated).
    pub validated: Vec<ItemId>,
    /// Items the learning refutes (their status becomes Invalidated).
    pub invalidated: Vec<ItemId>,
}

/// Two versions of one thing that a merge could not choose between: ours
/// stayed where it was, theirs was added right after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Conflict {
    pub ours: ItemId,
    pub theirs: ItemId,
}

/// A calendar date, written `YYYY-MM-DD`. Only real dates exist: the
/// constructor and the parser refuse `2026-02-30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists (years 1–9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The date of a moment given as seconds since the Unix epoch (UTC).
    pub fn from_unix_seconds(seconds: u64) -> Date {
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let days = i64::try_from(seconds / 86_400).unwrap_or(0) + 719_468;
        let era = days.div_euclid(146_097);
        let doe = days.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).unwrap_or(9999),
            u8::try_from(month).unwrap_or(1),
            u8::try_from(day).unwrap_or(1),
        )
        .unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a real date written YYYY-MM-DD")]
pub struct DateError(pub String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || DateError(s.chars().take(40).collect());
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let year = digits(0..4).ok_or_else(bad)?;
        let month = digits(5..7).ok_or_else(bad)?;
        let day = digits(8..10).ok_or_else(bad)?;
        Date::new(
            year,
            u8::try_from(month).map_err(|_| bad())?,
            u8::try_from(day).map_err(|_| bad())?,
        )
        .ok_or_else(bad)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_parse() {
        assert_eq!(
            "2026-12-15"
                .parse::<Date>()
                .map(|d| d.to_string())
                .as_deref(),
            Ok("2026-12-15")
        );
        assert!("2024-02-29".parse::<Date>().is_ok());
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2100-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-5",
            "26-01-05",
            "2026-01-05 ",
            "２０２６-01-05",
            "0000-01-01",
            "2026/01/05",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn dates_order_by_time() {
        let a: Date = "2026-01-31".parse().unwrap_or_else(|e| panic!("{e}"));
        let b: Date = "2026-02-01".parse().unwrap_or_else(|e| panic!("{e}"));
        assert!(a < b);
    }

    #[test]
    fn unix_seconds_give_the_utc_date() {
        assert_eq!(Date::from_unix_seconds(0).to_string(), "1970-01-01");
        // 2026-12-01T08:00:00Z
        assert_eq!(
            Date::from_unix_seconds(1_796_112_000).to_string(),
            "2026-12-01"
        );
        // 2024-02-29T23:59:59Z
        assert_eq!(
            Date::from_unix_seconds(1_709_251_199).to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn status_cycles_through_all_four() {
        let mut s = Status::Untested;
        let mut seen = vec![s];
        for _ in 0..4 {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(
            seen,
            [
                Status::Untested,
                Status::Testing,
                Status::Validated,
                Status::Invalidated,
                Status::Untested
            ]
        );
    }

    #[test]
    fn only_a_running_test_past_its_deadline_is_overdue() {
        let day = |s: &str| s.parse::<Date>().unwrap_or_else(|e| panic!("{e}"));
        let mut t = TestCard {
            state: TestState::Running,
            deadline: Some(day("2026-12-15")),
            ..TestCard::default()
        };
        assert!(!t.is_overdue(day("2026-12-15")));
        assert!(t.is_overdue(day("2026-12-16")));
        t.state = TestState::Done;
        assert!(!t.is_overdue(day("2026-12-16")));
    }
}

/// A canvas-wide text both sides of a merge changed differently (SPEC §9):
/// the canvas keeps ours as its title or segment, and this keeps theirs until
/// someone chooses. Written in `conflicts` as `(title: "…")` or
/// `(segment: "…")`, beside the `(ours: ID, theirs: ID)` pairs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HeaderConflict {
    /// Their title.
    Title(String),
    /// Their customer segment.
    Segment(String),
}

impl HeaderConflict {
    /// The field, as the file names it: `title` or `segment`.
    pub fn key(&self) -> &'static str {
        match self {
            HeaderConflict::Title(_) => "title",
            HeaderConflict::Segment(_) => "segment",
        }
    }

    /// The field in words: "title" or "customer segment".
    pub fn field(&self) -> &'static str {
        match self {
            HeaderConflict::Title(_) => "title",
            HeaderConflict::Segment(_) => "customer segment",
        }
    }

    /// Their text.
    pub fn theirs(&self) -> &str {
        match self {
            HeaderConflict::Title(t) | HeaderConflict::Segment(t) => t,
        }
    }
}
