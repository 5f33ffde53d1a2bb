//! `App::update`: action in, state changed, effects out. No I/O here.

use crate::canvas::Section;
use crate::fit::analyze;
use crate::layout;

use super::{
    Action, App, EditTarget, Editor, Effect, LinkPicker, Mode, SaveState, Snapshot, TextEdit,
    TextField,
};

impl App {
    /// Applies one action and returns the I/O it asks for.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Resize(w, h) => {
                self.screen = (w, h);
                self.keep_selection_visible();
                Vec::new()
            }
            Action::Saved(result) => self.saved(result),
            Action::Copied { what, result } => {
                self.copied(&what, result);
                Vec::new()
            }
            Action::Exported(result) => {
                self.exported(result);
                Vec::new()
            }
            Action::Terminate => self.terminate(),
            Action::Tick(now) => {
                self.now = now;
                Vec::new()
            }
            Action::OnDisk(fingerprint) => {
                self.doc.disk = super::OnDisk::from_fingerprint(fingerprint);
                Vec::new()
            }
            Action::ChangedOnDisk => {
                self.changed_on_disk();
                Vec::new()
            }
            Action::Reloaded(result) => {
                self.reloaded(result.map(|(c, d)| (*c, d)));
                Vec::new()
            }
            Action::CopySaved(result) => self.copy_saved(result),
            Action::Click(x, y) if !matches!(self.mode, Mode::Normal | Mode::Edit(_)) => {
                // A click outside an overlay closes it.
                if !self.overlay_contains(x, y) {
                    self.mode = Mode::Normal;
                }
                Vec::new()
            }
            action => match self.mode {
                Mode::Normal => self.normal(action),
                Mode::Edit(_) => self.editing(action),
                Mode::Link(_) => self.linking(action),
                Mode::Statement(_) => self.statement_view(action),
                Mode::Export => self.export_menu(action),
                Mode::Recover(_) => self.recovering(action),
                Mode::Conflict => self.resolving(action),
                Mode::Help => {
                    match action {
                        Action::Help | Action::Cancel | Action::Confirm | Action::Quit => {
                            self.mode = Mode::Normal;
                        }
                        Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                        Action::Down => self.help_scroll = self.help_scroll.saturating_add(1),
                        Action::Top => self.help_scroll = 0,
                        Action::Bottom => self.help_scroll = u16::MAX,
                        _ => {}
                    }
                    Vec::new()
                }
            },
        }
    }

    fn normal(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::NextSection => self.focus_section(self.focus.next()),
            Action::PrevSection => self.focus_section(self.focus.prev()),
            Action::JumpTo(section) => self.focus_section(section),
            Action::Left => self.focus_section(neighbour(self.focus, Side::Left)),
            Action::Right => self.focus_section(neighbour(self.focus, Side::Right)),
            Action::Up => self.select_by(-1),
            Action::Down => self.select_by(1),
            Action::Top => self.select_at(0),
            Action::Bottom => self.select_at(usize::MAX),
            Action::Add => return self.start_add(),
            Action::Edit => return self.start_edit(),
            Action::Delete => return self.delete_selected(),
            Action::MoveUp => return self.move_selected(-1),
            Action::MoveDown => return self.move_selected(1),
            Action::LevelUp => return self.shift_level(true),
            Action::LevelDown => return self.shift_level(false),
            Action::CycleKind => return self.cycle_kind(),
            Action::Link => self.open_picker(),
            Action::EditTitle => {
                self.start_edit_field(EditTarget::Title, &self.canvas.title.clone());
            }
            Action::EditSegment => {
                self.start_edit_field(EditTarget::Segment, &self.canvas.segment.clone());
            }
            Action::EditAlternatives => {
                let text = self.canvas.alternatives.join(", ");
                self.start_edit_field(EditTarget::Alternatives, &text);
            }
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Save => return self.save_now(),
            Action::CopyItem => return self.copy_item(),
            Action::CopySection => return self.copy_section(),
            Action::CopyCanvas => return self.copy_canvas(),
            Action::Statement => self.open_statement(),
            Action::Export => self.mode = Mode::Export,
            Action::Library => return self.leave(Effect::OpenLibrary),
            Action::Projector => self.toggle_projector(),
            Action::StepNext => self.step(true),
            Action::StepPrev => self.step(false),
            Action::SetTimer => self.start_timer_prompt(),
            Action::PauseTimer => self.toggle_timer(),
            Action::Click(x, y) => self.click(x, y),
            Action::Scroll(x, y, delta) => self.wheel(x, y, delta),
            Action::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::Quit => return self.quit(),
            _ => {}
        }
        Vec::new()
    }

    // -- moving around ------------------------------------------------------

    pub(super) fn focus_section(&mut self, section: Section) {
        self.focus = section;
        self.keep_selection_visible();
    }

    pub(super) fn select_by(&mut self, delta: isize) {
        let len = self.canvas.items(self.focus).len();
        let i = self.focus.index();
        self.selected[i] = self
            .selected_index(self.focus)
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.keep_selection_visible();
    }

    fn select_at(&mut self, index: usize) {
        let len = self.canvas.items(self.focus).len();
        self.selected[self.focus.index()] = index.min(len.saturating_sub(1));
        self.keep_selection_visible();
    }

    /// Scrolls every section so that its selection is on screen.
    pub(crate) fn keep_selection_visible(&mut self) {
        let screen = ratatui::layout::Rect::new(0, 0, self.screen.0, self.screen.1);
        let areas = self.areas(screen);
        for section in Section::ALL {
            let i = section.index();
            let len = self.canvas.items(section).len();
            self.selected[i] = self.selected[i].min(len.saturating_sub(1));
            let rows = layout::list_rows(&areas, section);
            self.scroll[i] = layout::scroll_to_show(self.scroll[i], self.selected[i], rows, len);
        }
    }

    // -- changing the canvas -------------------------------------------------

    /// Refuses changes to a read-only canvas, saying why. True when editable.
    fn writable(&mut self) -> bool {
        match &self.doc.read_only {
            Some(why) => {
                let why = why.clone();
                self.warn(format!("Read-only: {why}"));
                false
            }
            None => true,
        }
    }

    /// Records `before` for undo and asks for a save: called after every change.
    pub(super) fn changed(&mut self, before: Snapshot) -> Vec<Effect> {
        self.history.record(before);
        self.after_canvas_change()
    }

    fn after_canvas_change(&mut self) -> Vec<Effect> {
        self.fit = analyze(&self.canvas);
        self.save_state = SaveState::Unsaved;
        self.quit_warned = false;
        self.keep_selection_visible();
        vec![self.save_effect()]
    }

    fn save_effect(&self) -> Effect {
        Effect::Save {
            backup: !self.doc.backed_up,
        }
    }

    fn start_add(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let len = self.canvas.items(self.focus).len();
        let index = if len == 0 {
            0
        } else {
            self.selected_index(self.focus) + 1
        };
        self.mode = Mode::Edit(Editor {
            target: EditTarget::NewItem {
                section: self.focus,
                index,
            },
            field: TextField::default(),
        });
        self.status = None;
        Vec::new()
    }

    fn start_edit(&mut self) -> Vec<Effect> {
        let Some(item) = self.selected_item() else {
            return self.start_add();
        };
        let (id, text) = (item.id, item.text.clone());
        if self.writable() {
            self.start_edit_field(EditTarget::Item(id), &text);
        }
        Vec::new()
    }

    fn start_edit_field(&mut self, target: EditTarget, text: &str) {
        if !self.writable() {
            return;
        }
        self.mode = Mode::Edit(Editor {
            target,
            field: TextField::new(text),
        });
        self.status = None;
    }

    fn delete_selected(&mut self) -> Vec<Effect> {
        let Some(item) = self.selected_item() else {
            self.info(format!("No {} to delete", self.focus.noun()));
            return Vec::new();
        };
        let id = item.id;
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        if let Some((pos, item)) = self.canvas.remove(id) {
            self.info(format!(
                "Deleted {} “{}” — u undoes",
                pos.section.noun(),
                crate::text::truncate(&item.text, 40)
            ));
        }
        self.changed(before)
    }

    fn move_selected(&mut self, delta: isize) -> Vec<Effect> {
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        let old = self.selected_index(self.focus);
        match self.canvas.move_by(id, delta) {
            Some(new) if new != old => {
                self.selected[self.focus.index()] = new;
                self.changed(before)
            }
            _ => Vec::new(),
        }
    }

    fn shift_level(&mut self, up: bool) -> Vec<Effect> {
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return Vec::new();
        };
        if !self.focus.has_level() {
            self.info(format!(
                "{} have no level; their order is their rank (K/J)",
                self.focus.title()
            ));
            return Vec::new();
        }
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        if self.canvas.shift_level(id, up) {
            let level = self.canvas.item(id).map(|i| i.level).unwrap_or_default();
            self.info(format!(
                "{}: {}",
                level_label(self.focus),
                self.focus.level_name(level)
            ));
            self.changed(before)
        } else {
            self.info(if up {
                "Already the highest level"
            } else {
                "Already the lowest level"
            });
            Vec::new()
        }
    }

    fn cycle_kind(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return Vec::new();
        };
        if self.focus != Section::Jobs {
            self.info("Only customer jobs have a kind (functional, social, emotional, supporting)");
            return Vec::new();
        }
        if !self.writable() {
            return Vec::new();
        }
        let before = self.snapshot();
        self.canvas.cycle_kind(id);
        let kind = self
            .canvas
            .item(id)
            .map(|i| i.kind.name())
            .unwrap_or_default();
        self.info(format!("Job kind: {kind}"));
        self.changed(before)
    }

    fn undo(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let current = self.snapshot();
        match self.history.undo(current) {
            Some(previous) => {
                self.restore(previous);
                self.info("Undone — Ctrl-r redoes");
                self.after_canvas_change()
            }
            None => {
                self.info("Nothing to undo");
                Vec::new()
            }
        }
    }

    fn redo(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let current = self.snapshot();
        match self.history.redo(current) {
            Some(next) => {
                self.restore(next);
                self.info("Redone");
                self.after_canvas_change()
            }
            None => {
                self.info("Nothing to redo");
                Vec::new()
            }
        }
    }

    // -- the text field --------------------------------------------------------

    fn editing(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Edit(editor) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Text(edit) => editor.field.apply(&edit),
            Action::Paste(text) => editor.field.apply(&TextEdit::Paste(text)),
            Action::Confirm => return self.commit_edit(),
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.info("Edit cancelled");
            }
            _ => {}
        }
        Vec::new()
    }

    /// Keeps what was typed.
    fn commit_edit(&mut self) -> Vec<Effect> {
        let Mode::Edit(editor) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        let text = editor.field.text().trim().to_owned();
        if editor.target == EditTarget::Timer {
            self.set_timer(&text);
            return Vec::new();
        }
        let before = self.snapshot();
        match editor.target {
            EditTarget::Timer => {}
            EditTarget::NewItem { section, index } => {
                if text.is_empty() {
                    self.info("Nothing typed; nothing added");
                    return Vec::new();
                }
                self.canvas.insert(section, index, text);
                self.focus = section;
                self.selected[section.index()] = index.min(self.canvas.items(section).len() - 1);
                self.info(format!(
                    "Added {} — a adds another, m links it",
                    section.noun()
                ));
            }
            EditTarget::Item(id) => {
                if text.is_empty() {
                    self.warn("An item needs words; it is unchanged (d deletes it)");
                    return Vec::new();
                }
                if self.canvas.item(id).is_some_and(|i| i.text == text) {
                    return Vec::new();
                }
                self.canvas.set_text(id, text);
            }
            EditTarget::Title => {
                if self.canvas.title == text {
                    return Vec::new();
                }
                self.canvas.title = text;
            }
            EditTarget::Segment => {
                if self.canvas.segment == text {
                    return Vec::new();
                }
                self.canvas.segment = text;
            }
            EditTarget::Alternatives => {
                let alternatives: Vec<String> = text
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if self.canvas.alternatives == alternatives {
                    return Vec::new();
                }
                self.canvas.alternatives = alternatives;
            }
        }
        self.changed(before)
    }

    // -- the link picker -----------------------------------------------------

    fn open_picker(&mut self) {
        let Some(item) = self.selected_item() else {
            self.info(format!("Select a {} first (a adds one)", self.focus.noun()));
            return;
        };
        let source = item.id;
        let section = self.focus.counterpart();
        if self.canvas.items(section).is_empty() {
            self.info(format!(
                "No {} yet to link to; add one in {} ({})",
                section.title().to_lowercase(),
                section.title(),
                section.index() + 1
            ));
            return;
        }
        if !self.writable() {
            return;
        }
        self.mode = Mode::Link(LinkPicker {
            source,
            section,
            cursor: 0,
            chosen: self.canvas.linked_to(source),
        });
        self.status = None;
    }

    fn linking(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Link(picker) = &mut self.mode else {
            return Vec::new();
        };
        let candidates: Vec<_> = self
            .canvas
            .items(picker.section)
            .iter()
            .map(|i| i.id)
            .collect();
        match action {
            Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
            Action::Down => {
                picker.cursor = (picker.cursor + 1).min(candidates.len().saturating_sub(1));
            }
            Action::Top => picker.cursor = 0,
            Action::Bottom => picker.cursor = candidates.len().saturating_sub(1),
            Action::Toggle => {
                if let Some(&id) = candidates.get(picker.cursor) {
                    if let Some(at) = picker.chosen.iter().position(|c| *c == id) {
                        picker.chosen.remove(at);
                    } else {
                        picker.chosen.push(id);
                    }
                }
            }
            Action::Confirm => return self.apply_links(),
            Action::Cancel | Action::Link => {
                self.mode = Mode::Normal;
                self.info("Links unchanged");
            }
            _ => {}
        }
        Vec::new()
    }

    fn apply_links(&mut self) -> Vec<Effect> {
        let Mode::Link(picker) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        let before = self.snapshot();
        let mut changed = false;
        for candidate in self
            .canvas
            .items(picker.section)
            .iter()
            .map(|i| i.id)
            .collect::<Vec<_>>()
        {
            let want = picker.chosen.contains(&candidate);
            if self.canvas.is_linked(picker.source, candidate) != want {
                self.canvas.set_link(picker.source, candidate, want);
                changed = true;
            }
        }
        if !changed {
            self.info("Links unchanged");
            return Vec::new();
        }
        let n = picker.chosen.len();
        self.info(format!(
            "Linked to {n} {}",
            if n == 1 {
                picker.section.noun().to_owned()
            } else {
                picker.section.title().to_lowercase()
            }
        ));
        self.changed(before)
    }

    // -- saving and leaving --------------------------------------------------

    fn save_now(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        vec![self.save_effect()]
    }

    fn saved(&mut self, result: Result<(), String>) -> Vec<Effect> {
        match result {
            Ok(()) => {
                self.save_state = SaveState::Saved;
                self.doc.backed_up = true;
                self.leave_after_save.take().into_iter().collect()
            }
            Err(why) => {
                self.save_state = SaveState::Failed(why.clone());
                if self.leave_after_save.take().is_some() {
                    self.quit_warned = true;
                    self.error(format!(
                        "Could not save: {why}. Fix it and press Ctrl-s, or press q again to quit WITHOUT saving."
                    ));
                } else {
                    self.error(format!(
                        "Not saved: {why} (your edits are still here; Ctrl-s retries)"
                    ));
                }
                Vec::new()
            }
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        self.leave(Effect::Quit)
    }

    /// Leaves the canvas (quit, or the library) once it is saved. A failed
    /// save stops the leaving and says so; asking again leaves without saving.
    fn leave(&mut self, how: Effect) -> Vec<Effect> {
        if self.doc.read_only.is_some() || !self.is_dirty() || self.quit_warned {
            return vec![how];
        }
        self.leave_after_save = Some(how);
        vec![self.save_effect()]
    }

    /// A signal: keep any text being typed, save, and leave whatever happens.
    fn terminate(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if matches!(self.mode, Mode::Edit(_)) {
            effects = self.commit_edit();
        }
        if self.doc.read_only.is_none() && self.is_dirty() && effects.is_empty() {
            effects.push(self.save_effect());
        }
        effects.push(Effect::Quit);
        effects
    }
}

/// The word a section uses for its level.
fn level_label(section: Section) -> &'static str {
    match section {
        Section::Pains => "Severity",
        Section::Gains => "Relevance",
        _ => "Importance",
    }
}

#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
}

/// The section beside `section` as the canvas is drawn: products | creators
/// over relievers ‖ gains over pains | jobs.
fn neighbour(section: Section, side: Side) -> Section {
    use Section::{Creators, Gains, Jobs, Pains, Products, Relievers};
    match (section, side) {
        (Products, Side::Left) => Products,
        (Products, Side::Right) => Creators,
        (Creators | Relievers, Side::Left) => Products,
        (Creators, Side::Right) => Gains,
        (Relievers, Side::Right) => Pains,
        (Gains, Side::Left) => Creators,
        (Pains, Side::Left) => Relievers,
        (Gains | Pains, Side::Right) => Jobs,
        (Jobs, Side::Left) => Gains,
        (Jobs, Side::Right) => Jobs,
    }
}
