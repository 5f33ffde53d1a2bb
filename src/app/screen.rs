//! The editor's state seen as geometry: the [`View`] the layout needs, the
//! areas of the screen and where an overlay goes. Drawing, scrolling and
//! mouse hit-testing all ask here, so what is clicked is what is drawn.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::layout::{self, Areas, BIG_GLYPH, Stage, View, centered};

use super::list::{Placement, Slots, place};
use super::{App, EditTarget, Mode, Walkthrough};
use crate::canvas::Section;
use crate::text::{big, wrap};

/// The height from which projector mode draws the title large (one line),
/// and from which two lines leave the canvas room enough.
const BIG_TITLE_MIN_ROWS: u16 = 28;
const BIG_TITLE_TWO_LINE_ROWS: u16 = 36;

impl App {
    /// What projector mode shows large: the focused section, or the summary.
    pub fn stage(&self) -> Stage {
        match self.projector {
            Some(Walkthrough { summary: true }) => Stage::Summary,
            _ => Stage::Section(self.focus),
        }
    }

    /// The title's lines when it is drawn large: in projector mode, with
    /// symbols the terminal can draw (not in ASCII mode), on a screen tall
    /// enough, on one line of glyphs, or two where the screen is taller still.
    /// `None`: the plain one-line title. It depends on the screen and the
    /// title alone (never on the timer), so the canvas never jumps.
    pub fn big_title(&self, area: Rect) -> Option<Vec<String>> {
        if self.projector.is_none() || self.ascii || area.height < BIG_TITLE_MIN_ROWS {
            return None;
        }
        let (glyphs, missing) = big::glyphs(self.canvas.title.trim());
        // A title mostly out of the font's reach reads better in plain text.
        if missing * 3 > glyphs.chars().count() {
            return None;
        }
        let max_lines = if area.height >= BIG_TITLE_TWO_LINE_ROWS {
            2
        } else {
            1
        };
        big::wrap(&glyphs, usize::from(area.width / BIG_GLYPH), max_lines)
    }

    /// What the layout of a screen of `area` depends on.
    pub fn view(&self, area: Rect) -> View {
        View {
            focus: self.focus,
            projector: self.projector.map(|_| self.stage()),
            header_rows: self
                .big_title(area)
                .map_or(1, |lines| layout::big_header_rows(lines.len())),
            detail_rows: self.detail_rows(area.width),
            countdown: self.last_minute().is_some(),
        }
    }

    /// Rows the line under the canvas wants: one, or as many as a field typed
    /// there (title, segment, alternatives, timer) takes once wrapped.
    fn detail_rows(&self, width: u16) -> u16 {
        let Mode::Edit(editor) = &self.mode else {
            return 1;
        };
        let Some(label) = editor.target.label() else {
            return 1;
        };
        let room = usize::from(width).saturating_sub(label.width() + 2);
        let f = &editor.field;
        u16::try_from(f.cursor_rows(room)).unwrap_or(u16::MAX)
    }

    /// The width the field being typed wraps at, as drawn: an item's text
    /// column, or the room after the label under the canvas.
    pub fn field_width(&self) -> usize {
        let Mode::Edit(editor) = &self.mode else {
            return usize::MAX;
        };
        let screen = Rect::new(0, 0, self.screen.0, self.screen.1);
        let a = self.areas(screen);
        if let Some(label) = editor.target.label() {
            return usize::from(a.detail.width)
                .saturating_sub(label.width() + 2)
                .max(1);
        }
        let section = match editor.target {
            EditTarget::NewItem { section, .. } => section,
            EditTarget::Item(id) => self
                .canvas
                .position_of(id)
                .map_or(self.focus, |p| p.section),
            _ => self.focus,
        };
        let list = layout::list_area(&a, section);
        super::list::text_width(section, usize::from(list.width))
    }

    /// The areas of the screen `area`: what drawing, scrolling and the mouse
    /// share. Sections share their half by how many rows their wrapped items need.
    pub fn areas(&self, area: Rect) -> Areas {
        let need = |section: Section, width: u16, cap: u16| -> u16 {
            let content = Rect::new(0, 0, width, cap);
            let slots = Slots::in_area(self, section, content, 0);
            u16::try_from(slots.need(usize::from(cap))).unwrap_or(cap)
        };
        let alternatives = |width: u16| -> u16 {
            let text = self.alternatives_text();
            if text.is_empty() {
                return 0;
            }
            let rows = wrap::line_count(&text, usize::from(width).saturating_sub(2));
            u16::try_from(rows).unwrap_or(u16::MAX)
        };
        let keep = |section: Section, width: u16| -> u16 {
            if section != self.focus {
                return 0;
            }
            let content = Rect::new(0, 0, width, 1);
            let slots = Slots::in_area(self, section, content, 0);
            if slots.is_empty() {
                return 2;
            }
            let kept = slots.focus_slot(self.selected_index(section));
            u16::try_from(slots.height(kept) + 1).unwrap_or(u16::MAX)
        };
        let need = layout::Need {
            section: &need,
            alternatives: &alternatives,
            keep: &keep,
        };
        layout::areas_with(area, &self.view(area), Some(need))
    }

    /// The alternatives as drawn under the value map: one line of text.
    pub fn alternatives_text(&self) -> String {
        crate::text::safe(&self.canvas.alternatives.join(" · "))
    }

    /// Where the items of a section are drawn in these areas.
    pub fn placement(&self, a: &Areas, section: Section) -> Placement {
        let list = layout::list_area(a, section);
        let slots = Slots::in_area(self, section, list, layout::gap(a, section));
        let keep = slots.focus_slot(self.kept_in_view(section));
        let line = slots.cursor_line(keep);
        place(&slots, list, self.scroll[section.index()], keep, line)
    }

    /// The item of `section` kept whole in view: its selection, except
    /// beside a selected item linked into it (a reliever beside pains),
    /// where a linked one is, so the room sees what the selection relieves,
    /// creates or helps with. Of several, the one nearest the scroll.
    pub fn kept_in_view(&self, section: Section) -> usize {
        let selected = self.selected_index(section);
        let Some(item) = self.selected_item() else {
            return selected;
        };
        if section == self.focus || section != self.focus.counterpart() {
            return selected;
        }
        let items = self.canvas.items(section);
        let linked: Vec<usize> = self
            .canvas
            .linked_to(item.id)
            .into_iter()
            .filter_map(|id| items.iter().position(|i| i.id == id))
            .collect();
        if linked.is_empty() || linked.contains(&selected) {
            return selected;
        }
        let scroll = self.scroll[section.index()];
        linked
            .iter()
            .copied()
            .find(|i| *i >= scroll)
            .or_else(|| linked.last().copied())
            .unwrap_or(selected)
    }

    /// Where the open overlay is drawn on `area`, if one is open.
    pub fn overlay_area(&self, area: Rect) -> Option<Rect> {
        match &self.mode {
            Mode::Help | Mode::Coach(_) | Mode::Find(_) => Some(layout::help_area(area)),
            // In projector mode the room's panel takes the screen: its QR code
            // must be read from the back of the room.
            Mode::Room(_) if self.projector.is_some() => Some(area),
            Mode::Room(_) => Some(layout::help_area(area)),
            Mode::Link(p) => {
                let inner = usize::from(area.width.min(80)).saturating_sub(2);
                let cap = usize::from(area.height);
                let rows = super::list::picker_rows(self, p, inner, cap);
                let rows = u16::try_from(rows).unwrap_or(u16::MAX);
                Some(centered(area, 80, rows.saturating_add(2)))
            }
            Mode::Statement(view) => {
                let inner = usize::from(area.width.min(90)).saturating_sub(2);
                let (sentence, parts) = super::list::statement_lines(self, view, inner);
                // The variant tabs and a gap, the statement (or the field
                // being typed) with its note, a gap, then the parts.
                let top = match &view.edit {
                    // The label, then the field wrapped beside ` › ` (the
                    // drawing's width: the inside less the mark and a cell).
                    Some(edit) => {
                        let f = &edit.field;
                        1 + f.cursor_rows(inner.saturating_sub(4))
                    }
                    None => sentence.len() + 1,
                };
                let rows = 2 + top + 1 + parts.iter().map(Vec::len).sum::<usize>();
                let rows = u16::try_from(rows).unwrap_or(u16::MAX);
                Some(centered(area, 90, rows.saturating_add(2)))
            }
            Mode::Export => Some(centered(area, 64, 11)),
            Mode::Recover(_) | Mode::Conflict => Some(centered(area, 76, 10)),
            Mode::Merge(_) => {
                let open = self.canvas.conflicts.len() + self.canvas.header_conflicts.len();
                let rows = u16::try_from(open).unwrap_or(u16::MAX).saturating_mul(3);
                Some(centered(area, 96, rows.saturating_add(4)))
            }
            Mode::Notes(_) => Some(centered(area, 84, 16)),
            Mode::TestNext(_) => {
                let n = u16::try_from(self.fit().test_next.len()).unwrap_or(u16::MAX);
                Some(centered(area, 90, n.saturating_add(4)))
            }
            // The whole screen between the header and the footer.
            Mode::Board(_) | Mode::Compare(_) => Some(Rect {
                y: area.y + 1.min(area.height),
                height: area.height.saturating_sub(2),
                ..area
            }),
            Mode::Normal | Mode::Edit(_) => None,
        }
    }
}
