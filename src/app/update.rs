//! `App::update`: action in, state changed, effects out. No I/O here.

use crate::canvas::Section;

use super::{
    Action, App, EditTarget, Editor, Effect, Message, Mode, RuntimeEvent, SaveState, Snapshot,
    TextEdit, TextField, key_mark,
};

impl App {
    /// Applies one intent or runtime event and returns the I/O it asks for.
    pub fn update(&mut self, message: impl Into<Message>) -> Vec<Effect> {
        match message.into() {
            Message::Intent(action) => {
                // A message lasts until the next action (or a few seconds).
                self.status = None;
                self.last_intent = Some(self.now);
                // The key that closes "time's up" is spent on closing it:
                // a `d` meant as "go on" must not delete an item.
                if self.times_up_shown() {
                    self.acknowledge_timer();
                    return Vec::new();
                }
                let effects = self.act(action);
                if self.status.is_some() {
                    self.status_since = self.now;
                }
                effects
            }
            Message::Event(event) => {
                let before = self.status.clone();
                let effects = self.on_event(event);
                if self.status.is_some() && self.status != before {
                    self.status_since = self.now;
                }
                effects
            }
        }
    }

    /// Whether the status message has been shown long enough at `now`.
    pub fn status_expired(&self, now: std::time::Instant) -> bool {
        self.status.as_ref().is_some_and(|s| {
            let life = match s.kind {
                super::StatusKind::Info => super::STATUS_LIFE,
                super::StatusKind::Warning | super::StatusKind::Error => 2 * super::STATUS_LIFE,
            };
            now.saturating_duration_since(self.status_since) >= life
        })
    }

    /// What the runtime reports back.
    fn on_event(&mut self, event: RuntimeEvent) -> Vec<Effect> {
        match event {
            RuntimeEvent::Resize(w, h) => {
                self.screen = (w, h);
                self.help_scroll = self.help_scroll.min(self.help_max_scroll());
                self.keep_selection_visible();
            }
            RuntimeEvent::Saved(result) => return self.saved(result),
            RuntimeEvent::Copied { what, result } => self.copied(&what, result),
            RuntimeEvent::Exported(result) => self.exported(result),
            RuntimeEvent::ExportStage(stage) => self.export_stage(stage),
            RuntimeEvent::Terminate => return self.terminate(),
            RuntimeEvent::Tick(now) => {
                let effects = self.clock_to(now);
                if self.status_expired(now) {
                    self.status = None;
                }
                return effects;
            }
            RuntimeEvent::OnDisk(fingerprint) => {
                self.doc.disk = super::OnDisk::from_fingerprint(fingerprint);
            }
            RuntimeEvent::ChangedOnDisk => return self.changed_on_disk(),
            RuntimeEvent::Reloaded(result) => self.reloaded(result.map(|(c, d)| (*c, d))),
            RuntimeEvent::CopySaved(result) => return self.copy_saved(result),
            RuntimeEvent::RoomOpened(result) => self.room_opened(result),
            RuntimeEvent::Room { ticket, request } => return self.room_request(ticket, &request),
            RuntimeEvent::RoomGone => self.room_gone(),
            RuntimeEvent::RoomNotesFound(kept) => self.room_notes_found(kept),
            RuntimeEvent::RoomNotesNotKept(why) => {
                self.warn(format!("The room's notes could not be kept on disk: {why}"));
            }
        }
        Vec::new()
    }

    /// What a key, click or paste asks for, in the current mode.
    fn act(&mut self, action: Action) -> Vec<Effect> {
        match action {
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
                Mode::Statement(_) => {
                    let effects = self.statement_view(action);
                    self.remember_statement();
                    effects
                }
                Mode::Export => self.export_menu(action),
                Mode::Recover(_) => self.recovering(action),
                Mode::Conflict => self.resolving(action),
                Mode::Merge(_) => self.merge_view(action),
                Mode::Notes(_) => self.notes_view(action),
                Mode::TestNext(_) => self.test_next_view(action),
                Mode::Board(_) => self.board_view(action),
                Mode::Coach(_) => self.coach_list(action),
                Mode::Find(_) => self.find_view(action),
                Mode::Room(_) => self.room_panel(action),
                Mode::Compare(_) => self.compare_view(action),
                Mode::Help => {
                    match action {
                        Action::Help | Action::Cancel | Action::Confirm | Action::Quit => {
                            self.mode = Mode::Normal;
                        }
                        // Clamped here, where it changes: `G` then `k` scrolls up at once.
                        Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                        Action::Down => {
                            self.help_scroll = (self.help_scroll + 1).min(self.help_max_scroll());
                        }
                        Action::Top => self.help_scroll = 0,
                        Action::Bottom => self.help_scroll = self.help_max_scroll(),
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
            Action::CycleStatus => return self.cycle_status(),
            Action::Notes => self.open_notes(),
            Action::TestNext => self.open_test_next(),
            Action::Board => self.open_board(),
            Action::Room => return self.open_room(),
            Action::Compare => self.open_compare(),
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
            Action::Coach => self.open_coach(),
            Action::Find => self.open_find(),
            Action::Export => self.mode = Mode::Export,
            Action::MergeConflicts => self.open_merge_conflicts(),
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
        // In projector mode the focused section is the zoomed one.
        if let Some(walk) = &mut self.projector {
            walk.summary = false;
        }
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
        }
        let scroll = Section::ALL.map(|s| self.placement(&areas, s).scroll);
        self.scroll = scroll;
    }

    // -- changing the canvas -------------------------------------------------

    /// Refuses changes to a read-only canvas, saying why. True when editable.
    pub(super) fn writable(&mut self) -> bool {
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
        self.canvas_changed();
        self.save_state = SaveState::Unsaved;
        self.quit_warned = false;
        self.keep_selection_visible();
        vec![self.save_effect()]
    }

    pub(super) fn save_effect(&self) -> Effect {
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

    pub(super) fn start_edit_field(&mut self, target: EditTarget, text: &str) {
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
                "Deleted {} “{}” — {} undoes",
                pos.section.noun(),
                crate::text::truncate(&item.text, 40),
                key_mark(&Action::Undo)
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
            _ => {
                self.info(if delta < 0 {
                    "Already first: it ranks highest"
                } else {
                    "Already last: it ranks lowest"
                });
                Vec::new()
            }
        }
    }

    fn shift_level(&mut self, up: bool) -> Vec<Effect> {
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return Vec::new();
        };
        if !self.focus.has_level() {
            self.info(format!(
                "{} have no level; their order is their rank ({}/{})",
                self.focus.title(),
                key_mark(&Action::MoveUp),
                key_mark(&Action::MoveDown)
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

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let current = self.snapshot();
        match self.history.undo(current) {
            Some(previous) => {
                let what = super::change::describe(&previous.canvas, &self.canvas);
                self.restore(previous);
                self.info(format!(
                    "Undone: {what} — {} redoes",
                    key_mark(&Action::Redo)
                ));
                self.after_canvas_change()
            }
            None => {
                self.info("Nothing to undo");
                Vec::new()
            }
        }
    }

    pub(super) fn redo(&mut self) -> Vec<Effect> {
        if !self.writable() {
            return Vec::new();
        }
        let current = self.snapshot();
        match self.history.redo(current) {
            Some(next) => {
                let what = super::change::describe(&self.canvas, &next.canvas);
                self.restore(next);
                self.info(format!("Redone: {what}"));
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
        let width = self.field_width();
        let Mode::Edit(editor) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Text(edit) => {
                editor.field.apply_wrapped(&edit, width);
                // The field grows as it wraps: keep it, and the cursor, in view.
                self.keep_selection_visible();
            }
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
    pub(super) fn commit_edit(&mut self) -> Vec<Effect> {
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
                    "Added {} — {} adds another, {} links it",
                    section.noun(),
                    key_mark(&Action::Add),
                    key_mark(&Action::Link)
                ));
            }
            EditTarget::Item(id) => {
                if text.is_empty() {
                    self.warn(format!(
                        "An item needs words; it is unchanged ({} deletes it)",
                        key_mark(&Action::Delete)
                    ));
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
                // Scores follow a renamed alternative and go with a removed one.
                self.canvas.set_alternatives(alternatives);
            }
        }
        self.changed(before)
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
