//! The editor's state seen as geometry: the [`View`] the layout needs, the
//! areas of the screen and where an overlay goes. Drawing, scrolling and
//! mouse hit-testing all ask here, so what is clicked is what is drawn.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::layout::{self, Areas, BIG_HEADER_ROWS, Stage, View, centered};

use super::list::{Placement, Slots, place};
use super::{App, Mode, Walkthrough};
use crate::canvas::Section;

impl App {
    /// What projector mode shows large: the focused section, or the summary.
    pub fn stage(&self) -> Stage {
        match self.projector {
            Some(Walkthrough { summary: true }) => Stage::Summary,
            _ => Stage::Section(self.focus),
        }
    }

    /// Whether the title is drawn large: projector mode, room enough, and
    /// symbols the terminal can draw (not in ASCII mode).
    pub fn big_title(&self, area: Rect) -> bool {
        self.projector.is_some()
            && !self.ascii
            && area.height >= 28
            && !self.canvas.title.trim().is_empty()
            && self.canvas.title.trim().width() * 4 + if self.timer.is_some() { 16 } else { 0 }
                <= usize::from(area.width)
    }

    /// What the layout of a screen of `area` depends on.
    pub fn view(&self, area: Rect) -> View {
        View {
            focus: self.focus,
            projector: self.projector.map(|_| self.stage()),
            header_rows: if self.big_title(area) {
                BIG_HEADER_ROWS
            } else {
                1
            },
        }
    }

    /// The areas of the screen `area`: what drawing, scrolling and the mouse
    /// share. Sections share their half by how many rows their wrapped items need.
    pub fn areas(&self, area: Rect) -> Areas {
        let need = |section: Section, width: u16, cap: u16| -> u16 {
            let content = Rect::new(0, 0, width, cap);
            let slots = Slots::in_area(self, section, content, 0);
            u16::try_from(slots.need(usize::from(cap))).unwrap_or(cap)
        };
        layout::areas_with(area, &self.view(area), Some(&need))
    }

    /// Where the items of a section are drawn in these areas.
    pub fn placement(&self, a: &Areas, section: Section) -> Placement {
        let list = layout::list_area(a, section);
        let slots = Slots::in_area(self, section, list, layout::gap(a, section));
        let keep = slots.focus_slot(self.selected_index(section));
        let line = slots.cursor_line(keep);
        place(&slots, list, self.scroll[section.index()], keep, line)
    }

    /// Where the open overlay is drawn on `area`, if one is open.
    pub fn overlay_area(&self, area: Rect) -> Option<Rect> {
        match &self.mode {
            Mode::Help => Some(layout::help_area(area)),
            Mode::Link(p) => {
                let n = layout::cells(self.canvas.items(p.section).len());
                Some(centered(area, 80, n.saturating_add(4)))
            }
            Mode::Statement(_) => Some(centered(area, 90, 17)),
            Mode::Export => Some(centered(area, 64, 11)),
            Mode::Recover(_) | Mode::Conflict => Some(centered(area, 76, 10)),
            Mode::Normal | Mode::Edit(_) => None,
        }
    }
}
