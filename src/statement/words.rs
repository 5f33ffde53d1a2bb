//! Joining item texts into the statement so it reads as a sentence: a
//! capitalised first word lowered mid-sentence (unless it is an acronym or a
//! name), and a pain reliever or gain creator written as a noun phrase
//! ("Automatic payment reminders") offered rather than done ("by offering
//! automatic payment reminders"), while a verb phrase ("Chasing late payers",
//! "Chase late payers") is done ("by chasing late payers").

/// How a value-map item's text joins "… by ___".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Means {
    /// Something done: "chasing late payers".
    Doing(String),
    /// Something offered: "a 30-day cash-flow forecast".
    Offering(String),
}

/// Verbs a reliever or creator often starts with, written as an instruction
/// ("Chase late payers"). Only words that are rarely the noun an item starts
/// with: "Plan", "Forecast" and "Track" are left out, as "Plan built from
/// the rota" is a thing offered.
const VERBS: &[&str] = &[
    "add",
    "alert",
    "automate",
    "avoid",
    "book",
    "build",
    "calculate",
    "chase",
    "check",
    "collect",
    "compare",
    "connect",
    "create",
    "cut",
    "deliver",
    "find",
    "generate",
    "get",
    "give",
    "guide",
    "handle",
    "help",
    "keep",
    "let",
    "make",
    "match",
    "notify",
    "offer",
    "pay",
    "prevent",
    "protect",
    "provide",
    "put",
    "reduce",
    "remind",
    "remove",
    "save",
    "send",
    "share",
    "show",
    "simplify",
    "suggest",
    "sync",
    "teach",
    "turn",
    "warn",
];

/// Heads of noun phrases that take no "a" ("offering support", not "a support").
const UNCOUNTED: &[&str] = &[
    "access",
    "advice",
    "support",
    "help",
    "software",
    "insurance",
    "feedback",
    "information",
    "guidance",
    "equipment",
    "storage",
    "delivery",
    "data",
    "time",
    "money",
    "peace",
    "flexibility",
    "visibility",
    "control",
];

/// Words that end a noun phrase's head: "button | on every invoice",
/// "plan | built from the rota".
const AFTER_HEAD: &[&str] = &[
    "about", "across", "after", "against", "as", "at", "before", "between", "by", "for", "from",
    "in", "into", "of", "on", "over", "per", "that", "through", "to", "under", "when", "where",
    "which", "who", "with", "within", "without", "built", "made", "done", "sent", "kept", "given",
    "written", "shown", "run", "set", "the", "a", "an", "your", "their", "our", "every", "each",
];

/// Words that already determine a noun phrase: no "a" is added before them.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "every", "each", "any", "some", "no", "all", "our", "your", "their",
    "its", "this", "that", "these", "those", "more", "less", "fewer", "free",
];

/// Folds whitespace and drops trailing punctuation.
pub fn tidy(text: &str) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_end_matches(['.', '!', ';', ',']).trim().to_owned()
}

/// A text tidied to sit mid-sentence: a capitalised first word is lowered
/// ("Hospital nurses" → "hospital nurses") unless it looks like an acronym
/// or a name ("SMS", "AI-check", "iPhone", "`QuickBooks`").
pub fn phrase(text: &str) -> String {
    let t = tidy(text);
    let mut chars = t.chars();
    // Any capital after the first letter marks a name or an acronym.
    let first_is_name = t
        .split_whitespace()
        .next()
        .is_some_and(|w| w.chars().skip(1).any(char::is_uppercase));
    match chars.next() {
        Some(first) if first.is_uppercase() && !first_is_name => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => t,
    }
}

/// "chasing late payers and offering a forecast": a reliever's and a
/// creator's means joined after "by", each offered thing said as offered
/// (two offered things share one "offering").
pub fn by_clause(reliever: Option<Means>, creator: Option<Means>) -> Option<String> {
    use Means::{Doing, Offering};
    Some(match (reliever, creator) {
        (Some(Doing(a)), Some(Doing(b))) => format!("{a} and {b}"),
        (Some(Doing(a)), Some(Offering(b))) => format!("{a} and offering {b}"),
        (Some(Offering(a)), Some(Doing(b) | Offering(b))) => {
            format!("offering {a} and {b}")
        }
        (Some(Doing(one)), None) | (None, Some(Doing(one))) => one,
        (Some(Offering(one)), None) | (None, Some(Offering(one))) => format!("offering {one}"),
        (None, None) => return None,
    })
}

/// How a reliever's or creator's text joins the sentence.
pub fn means(text: &str) -> Means {
    let p = phrase(text);
    let first = p.split_whitespace().next().unwrap_or_default();
    let rest = p[first.len()..].to_owned();
    let lower = first.to_lowercase();
    if lower.len() > 4 && lower.ends_with("ing") && first == lower {
        return Means::Doing(p);
    }
    if first == lower && VERBS.contains(&lower.as_str()) && !rest.is_empty() {
        return Means::Doing(format!("{}{rest}", gerund(&lower)));
    }
    Means::Offering(with_article(&p))
}

/// "chase" → "chasing", "cut" → "cutting", "sync" → "syncing".
fn gerund(verb: &str) -> String {
    const DOUBLED: &[&str] = &["cut", "get", "let", "put", "set", "stop", "run", "plan"];
    if DOUBLED.contains(&verb) {
        let last = verb.chars().last().unwrap_or_default();
        return format!("{verb}{last}ing");
    }
    match verb.strip_suffix('e') {
        Some(stem) if !stem.ends_with('e') => format!("{stem}ing"),
        _ => format!("{verb}ing"),
    }
}

/// A singular countable noun phrase gets "a" or "an"; plurals, uncounted
/// heads and phrases that already start with a determiner or a possessive
/// are left as they are.
fn with_article(p: &str) -> String {
    let words: Vec<&str> = p.split_whitespace().collect();
    let Some(first) = words.first() else {
        return p.to_owned();
    };
    if DETERMINERS.contains(&first.to_lowercase().as_str()) {
        return p.to_owned();
    }
    let head = words
        .iter()
        .skip(1)
        .position(|w| AFTER_HEAD.contains(w))
        .map_or(words[words.len() - 1], |n| words[n]);
    let head = head
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let plural = head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us");
    if plural || head.ends_with("ing") || UNCOUNTED.contains(&head.as_str()) {
        return p.to_owned();
    }
    format!("{} {p}", article(first))
}

/// "a" or "an", by how the word is said: "an SMS", "an 8-week plan",
/// "a user guide", "an accountant export".
fn article(word: &str) -> &'static str {
    let lower = word.to_lowercase();
    let acronym = word.chars().filter(char::is_ascii_alphabetic).count() > 1
        && word
            .chars()
            .filter(char::is_ascii_alphabetic)
            .all(|c| c.is_ascii_uppercase());
    let an = if acronym {
        lower.starts_with(['a', 'e', 'f', 'h', 'i', 'l', 'm', 'n', 'o', 'r', 's', 'x'])
    } else if lower.starts_with(|c: char| c.is_ascii_digit()) {
        // Said "eight…", "eleven", "eighteen": an 8-week plan, an 11-day trial.
        let digits: String = lower.chars().take_while(char::is_ascii_digit).collect();
        digits.starts_with('8') || digits == "11" || digits == "18"
    } else if lower.starts_with('u') {
        !["uni", "use", "usu", "uti", "ure", "ura"]
            .iter()
            .any(|p| lower.starts_with(p))
    } else if lower.starts_with("one") || lower.starts_with("eu") {
        false
    } else {
        lower.starts_with(['a', 'e', 'i', 'o'])
            || lower.starts_with("hour")
            || lower.starts_with("honest")
    };
    if an { "an" } else { "a" }
}
