//! The mouse: a click selects an item or a section, the wheel scrolls, and a
//! click outside an overlay closes it. Hit-testing uses the same layout
//! function as drawing, so what is clicked is what is drawn.

use ratatui::layout::{Position, Rect};

use crate::canvas::Section;
use crate::layout::Shape;

use super::App;

impl App {
    fn screen_rect(&self) -> Rect {
        Rect::new(0, 0, self.screen.0, self.screen.1)
    }

    /// The section drawn under a point, with the item index under it if any.
    fn hit(&self, x: u16, y: u16) -> Option<(Section, Option<usize>)> {
        let areas = self.areas(self.screen_rect());
        let point = Position { x, y };
        if areas.shape == Shape::Focus && areas.strip.contains(point) {
            // The strip names the six sections in order, in equal shares.
            let share = (areas.strip.width / 6).max(1);
            let index = usize::from((x - areas.strip.x) / share).min(5);
            return Section::from_index(index).map(|s| (s, None));
        }
        Section::ALL.into_iter().find_map(|section| {
            let area = areas.sections[section.index()];
            if !area.contains(point) {
                return None;
            }
            // Any line of a wrapped item selects it; the title row and the
            // blank rows between items select none.
            let index = self
                .placement(&areas, section)
                .slot_at(y)
                .filter(|i| *i < self.canvas.items(section).len());
            Some((section, index))
        })
    }

    pub(super) fn click(&mut self, x: u16, y: u16) {
        if let Some((section, index)) = self.hit(x, y) {
            self.focus_section(section);
            if let Some(i) = index {
                self.selected[section.index()] = i;
                self.keep_selection_visible();
            }
        }
    }

    pub(super) fn wheel(&mut self, x: u16, y: u16, delta: i8) {
        if let Some((section, _)) = self.hit(x, y) {
            self.focus_section(section);
            self.select_by(isize::from(delta));
        }
    }

    /// Whether a point is inside the open overlay.
    pub(super) fn overlay_contains(&self, x: u16, y: u16) -> bool {
        self.overlay_area(self.screen_rect())
            .is_some_and(|r| r.contains(Position { x, y }))
    }
}
