//! Where a section's items go once wrapped: how many rows each takes, which
//! are shown from which one on, and on which rows. Drawing, the mouse and
//! `update` (keeping the selection in view) all place items with this, so a
//! click lands on the item drawn there, on any of its lines.
//!
//! An item is a gutter (selection marker, flag, a cell kept for the evidence
//! status, the level dots) on its first line, and its text wrapped beside it;
//! continuation lines sit under the text, not under the gutter.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::{Deref, Range};
use std::rc::Rc;
use std::sync::{Arc, Weak};

use ratatui::layout::Rect;

use super::{App, EditTarget, Editor, LinkPicker, Mode, StatementView};
use crate::canvas::{Item, JobKind, Section};
use crate::text::wrap;

/// Cells before an item's text: marker, flag, evidence status, the coach's
/// mark, a space, and for the customer profile the three level dots and a
/// space.
pub fn gutter_width(section: Section) -> usize {
    if section.has_level() { 9 } else { 5 }
}

/// Cells an item's text wraps to in a list `width` cells wide: after the
/// gutter, and one clear of the divider on the right.
pub fn text_width(section: Section, width: usize) -> usize {
    width.saturating_sub(gutter_width(section) + 1).max(1)
}

/// Cells before a candidate's text in the link picker: tick, flag, and the
/// level dots for the customer profile.
pub fn picker_prefix_width(section: Section) -> usize {
    if section.has_level() { 9 } else { 6 }
}

/// Rows the link picker's contents take at an inside width: the source's
/// words, then every candidate wrapped; counted no further than `cap`.
pub fn picker_rows(app: &App, picker: &LinkPicker, inner: usize, cap: usize) -> usize {
    let source = app
        .canvas
        .item(picker.source)
        .map_or("", |i| i.text.as_str());
    let mut rows = wrap::line_count(&format!("“{}”", crate::text::safe(source)), inner);
    let width = inner.saturating_sub(picker_prefix_width(picker.section));
    for item in app.canvas.items(picker.section) {
        if rows >= cap {
            return cap;
        }
        rows += wrap::line_count(&item_text(picker.section, item).0, width);
    }
    rows
}

/// Cells before a part's choice in the statement view (the part's name).
pub const STATEMENT_LABEL: usize = 23;

/// The statement view's contents wrapped at an inside width: the shown
/// statement's lines (a saved variant's words, or the proposal), and each part's choice (as drawn, between ‹ ›) with its lines.
pub fn statement_lines(
    app: &App,
    view: &StatementView,
    inner: usize,
) -> (Vec<String>, Vec<Vec<String>>) {
    // A saved variant shows its own words; otherwise the proposal.
    let sentence = match view.shown(&app.canvas) {
        Some(saved) => crate::text::safe(&saved.text),
        None => crate::text::safe(&crate::statement::compose(&app.canvas, &view.choice)),
    };
    let sentence_lines = wrap::lines(&sentence, inner)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let room = inner.saturating_sub(STATEMENT_LABEL).max(1);
    let parts = crate::statement::Part::ALL
        .into_iter()
        .map(|part| {
            let value = view
                .choice
                .text(&app.canvas, part)
                .map_or_else(|| "(left out)".to_owned(), crate::text::safe);
            let shown = format!("‹ {value} ›");
            wrap::lines(&shown, room)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (sentence_lines, parts)
}

/// The short tag a job's kind shows before its text.
pub fn kind_tag(kind: JobKind) -> &'static str {
    match kind {
        JobKind::Functional => "func.",
        JobKind::Social => "social",
        JobKind::Emotional => "emot.",
        JobKind::Supporting => "supp.",
    }
}

/// The text an item shows, wrapped as one: a job's kind tag, then the words
/// (cleaned for the terminal). Returns the text and the length of the tag part
/// in bytes (0 when there is none), so it can be styled apart.
pub fn item_text(section: Section, item: &Item) -> (Cow<'_, str>, usize) {
    #[cfg(test)]
    crate::text::read_whole::add(item.text.len());
    let words: Cow<'_, str> = if item.text.chars().any(needs_cleaning) {
        Cow::Owned(crate::text::safe(&item.text))
    } else {
        Cow::Borrowed(&item.text)
    };
    if section == Section::Jobs {
        let tag = kind_tag(item.kind);
        (Cow::Owned(format!("{tag} {words}")), tag.len())
    } else {
        (words, 0)
    }
}

/// Items with more text than this are wrapped once per width and then
/// remembered by the item itself: remembering them by their words (as
/// [`wrap::wrap_cached`] does) hashes and compares the whole text on every
/// frame, 14 MB for one long item.
pub const LONG_ITEM: usize = 4096;

/// How many long items' lines are remembered (each keeps its words).
const LONG_KEPT: usize = 4;

/// An item's words as a list shows them, either its own text or a cleaned copy.
pub enum Words<'a> {
    Own(&'a str),
    Cleaned(Rc<str>),
}

impl Deref for Words<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Words::Own(s) => s,
            Words::Cleaned(s) => s,
        }
    }
}

/// An item's words as drawn in a list ([`item_text`]) and their lines.
pub struct ItemLines<'a> {
    pub words: Words<'a>,
    /// The length of a job's kind tag at the start of `words`.
    pub tag_len: usize,
    pub lines: Rc<[Range<usize>]>,
}

/// [`item_text`] wrapped at `width`: remembered by words for short items,
/// by the item for long ones, so drawing a long item reads only its lines
/// in view.
pub fn item_lines(section: Section, item: &Arc<Item>, width: usize) -> ItemLines<'_> {
    if item.text.len() <= LONG_ITEM {
        let (words, tag_len) = item_text(section, item);
        let lines = wrap::wrap_cached(&words, width);
        let words = match words {
            Cow::Borrowed(s) => Words::Own(s),
            Cow::Owned(s) => Words::Cleaned(s.into()),
        };
        return ItemLines {
            words,
            tag_len,
            lines,
        };
    }
    let long = long_item_lines(section, item, width);
    ItemLines {
        words: long.cleaned.map_or(Words::Own(&item.text), Words::Cleaned),
        tag_len: long.tag_len,
        lines: long.lines,
    }
}

/// How many lines an item takes at `width`.
pub fn item_line_count(section: Section, item: &Arc<Item>, width: usize) -> usize {
    if item.text.len() <= LONG_ITEM {
        let (text, _) = item_text(section, item);
        return wrap::wrap_cached(&text, width).len();
    }
    long_item_lines(section, item, width).lines.len()
}

/// A long item's lines at a width, and its words when they are not its
/// own text (cleaned, or a job's with its kind tag).
#[derive(Clone)]
struct LongLines {
    cleaned: Option<Rc<str>>,
    tag_len: usize,
    lines: Rc<[Range<usize>]>,
}

/// A long item's lines at `width`: read once, then found by the item's
/// allocation. What is kept holds a [`Weak`] to it, so that allocation is
/// never reused for another item while kept, and an item is never changed
/// in place while a `Weak` to it exists (`Arc::make_mut` moves it out).
fn long_item_lines(section: Section, item: &Arc<Item>, width: usize) -> LongLines {
    struct Kept {
        item: Weak<Item>,
        section: Section,
        width: usize,
        lines: LongLines,
    }
    thread_local! {
        static KEPT: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    }
    KEPT.with_borrow_mut(|kept| {
        let found = kept.iter().find(|k| {
            std::ptr::eq(k.item.as_ptr(), Arc::as_ptr(item))
                && k.section == section
                && k.width == width
        });
        if let Some(k) = found {
            return k.lines.clone();
        }
        let (words, tag_len) = item_text(section, item);
        let lines = LongLines {
            lines: wrap::wrap(&words, width).into(),
            cleaned: match words {
                Cow::Borrowed(_) => None,
                Cow::Owned(s) => Some(Rc::<str>::from(s)),
            },
            tag_len,
        };
        if kept.len() >= LONG_KEPT {
            kept.remove(0);
        }
        kept.push(Kept {
            item: Arc::downgrade(item),
            section,
            width,
            lines: lines.clone(),
        });
        lines
    })
}

fn needs_cleaning(c: char) -> bool {
    crate::text::is_hazard(c)
}

/// The section's items as slots in list order: the new item being typed takes
/// a slot of its own at its place.
pub struct Slots<'a> {
    pub section: Section,
    pub items: &'a [Arc<Item>],
    /// The slot of a new item being typed here.
    pub new_at: Option<usize>,
    /// The index of the item whose field is being typed here.
    edited_at: Option<usize>,
    /// The field being typed in this section, if any.
    pub editor: Option<&'a Editor>,
    /// Cells for the text beside the gutter.
    pub text_width: usize,
    /// Blank rows between items (air for a room).
    pub gap: usize,
}

impl<'a> Slots<'a> {
    /// The slots of `section` when its text column is `text_width` cells.
    pub fn new(app: &'a App, section: Section, text_width: usize, gap: usize) -> Self {
        let mut edited_at = None;
        let editor = match &app.mode {
            Mode::Edit(e) => match e.target {
                EditTarget::NewItem { section: s, .. } if s == section => Some(e),
                EditTarget::Item(id) => match app.canvas.position_of(id) {
                    Some(p) if p.section == section => {
                        edited_at = Some(p.index);
                        Some(e)
                    }
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        let new_at = editor.and_then(|e| match e.target {
            EditTarget::NewItem { index, .. } => Some(index),
            _ => None,
        });
        Self {
            section,
            items: app.canvas.items(section),
            new_at,
            edited_at,
            editor,
            text_width: text_width.max(1),
            gap,
        }
    }

    /// The slots of a section drawn in `content` (title row included).
    pub fn in_area(app: &'a App, section: Section, content: Rect, gap: usize) -> Self {
        Self::new(
            app,
            section,
            text_width(section, usize::from(content.width)),
            gap,
        )
    }

    pub fn len(&self) -> usize {
        self.items.len() + usize::from(self.new_at.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item in a slot (`None` for the new item being typed).
    pub fn item(&self, slot: usize) -> Option<&'a Arc<Item>> {
        match self.new_at {
            Some(n) if slot == n => None,
            Some(n) if slot > n => self.items.get(slot - 1),
            _ => self.items.get(slot),
        }
    }

    /// The item index of a slot, if it holds an item.
    pub fn item_index(&self, slot: usize) -> Option<usize> {
        match self.new_at {
            Some(n) if slot == n => None,
            Some(n) if slot > n => Some(slot - 1),
            _ => Some(slot),
        }
    }

    /// The field typed in this slot, if it is being typed.
    pub fn editing(&self, slot: usize) -> Option<&'a Editor> {
        let editor = self.editor?;
        match (editor.target, self.item(slot)) {
            (EditTarget::NewItem { .. }, None) => Some(editor),
            (EditTarget::Item(id), Some(item)) if item.id == id => Some(editor),
            _ => None,
        }
    }

    /// Rows a slot takes.
    pub fn height(&self, slot: usize) -> usize {
        if let Some(editor) = self.editing(slot) {
            let f = &editor.field;
            return f.cursor_rows(self.text_width);
        }
        self.item(slot).map_or(1, |item| {
            item_line_count(self.section, item, self.text_width)
        })
    }

    /// Rows the title and all items need, counted no further than `cap`.
    pub fn need(&self, cap: usize) -> usize {
        if self.is_empty() {
            return 2;
        }
        let mut rows = 1;
        for slot in 0..self.len() {
            if slot > 0 {
                rows += self.gap;
            }
            rows += self.height(slot);
            if rows >= cap {
                return cap;
            }
        }
        rows
    }

    /// The line of a slot the cursor is on, when it is being typed.
    pub fn cursor_line(&self, slot: usize) -> usize {
        self.editing(slot)
            .map_or(0, |e| e.field.position(self.text_width).0)
    }

    /// The slot to keep selected in view: the field being typed, else the selection.
    pub fn focus_slot(&self, selected: usize) -> usize {
        if let Some(n) = self.new_at {
            return n;
        }
        if let Some(i) = self.edited_at {
            return i;
        }
        selected.min(self.len().saturating_sub(1))
    }

    /// The first slot to show in `rows` so that slot `keep` is shown whole
    /// (or from its top, when it is taller than `rows`), moving `scroll` as
    /// little as possible and leaving no blank rows below the last item.
    pub fn scroll_to_show(&self, scroll: usize, keep: usize, rows: usize) -> usize {
        let height = |slot: usize| self.height(slot);
        crate::layout::scroll_rows(scroll, keep, rows, self.len(), self.gap, &height)
    }
}

/// One slot placed in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub slot: usize,
    /// The row of its first shown line.
    pub y: u16,
    /// Its lines hidden above (an item taller than the list, scrolled inside).
    pub skip: usize,
    /// Its lines shown.
    pub shown: usize,
    /// All its lines.
    pub lines: usize,
}

impl Placed {
    /// Whether some of its lines are not shown.
    pub fn is_cut(&self) -> bool {
        self.skip > 0 || self.shown < self.lines
    }
}

/// The items of a list as drawn: which, where, and how many are out of view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Placement {
    pub scroll: usize,
    pub placed: Vec<Placed>,
    /// Items entirely above the shown ones.
    pub above: usize,
    /// Items below the shown ones, or shown only in part.
    pub below: usize,
}

impl Placement {
    /// The slot drawn on row `y`, if any (any line of it; gaps belong to none).
    pub fn slot_at(&self, y: u16) -> Option<usize> {
        self.placed
            .iter()
            .find(|p| y >= p.y && usize::from(y - p.y) < p.shown)
            .map(|p| p.slot)
    }
}

/// Places the slots in `list` (the rows under the title), starting near
/// `scroll` and keeping slot `keep` whole in view; `line_in_keep` is the line
/// of `keep` that must be visible when it is taller than the list (the
/// cursor's, while typing).
pub fn place(
    slots: &Slots<'_>,
    list: Rect,
    scroll: usize,
    keep: usize,
    line_in_keep: usize,
) -> Placement {
    let rows = usize::from(list.height);
    let len = slots.len();
    if rows == 0 || len == 0 {
        return Placement {
            below: len,
            ..Placement::default()
        };
    }
    let scroll = slots.scroll_to_show(scroll, keep, rows);
    let mut placed = Vec::new();
    let mut y = 0;
    let mut below = 0;
    for slot in scroll..len {
        if y >= rows {
            below = len - slot;
            break;
        }
        let lines = slots.height(slot);
        let room = rows - y;
        let (skip, shown) = if lines <= room {
            (0, lines)
        } else if slot == keep.min(len - 1) && y == 0 {
            // Taller than the whole list: scroll inside, to the line that matters.
            let skip = (line_in_keep + 1).saturating_sub(room).min(lines - room);
            (skip, room)
        } else {
            (0, room)
        };
        placed.push(Placed {
            slot,
            y: list.y + y as u16,
            skip,
            shown,
            lines,
        });
        if shown < lines {
            below = len - slot;
            break;
        }
        y += lines + slots.gap;
    }
    Placement {
        scroll,
        placed,
        above: scroll,
        below,
    }
}
