//! The room's side of the loop: the requests its server queued are applied
//! through `App::update`, their notes kept on disk, then the server is
//! handed the new snapshot and the answers leave (in that order, so a page
//! that reloads after its answer shows its change).

use crate::app::RuntimeEvent;

use super::jobs::Jobs;
use super::watch::Watch;
use super::{Io, Screen, executor};

/// Takes what the room's pages asked and hands the server what they show
/// now. Returns whether anything changed (the panel's counts move).
pub(super) fn sync(
    screen: &mut Screen<'_>,
    io: &mut dyn Io,
    watch: &mut Watch,
    jobs: &mut Jobs,
) -> bool {
    let Screen::Editor(app) = screen else {
        return false;
    };
    let requests = io.room_requests();
    let asked = !requests.is_empty();
    let mut effects = Vec::new();
    for (ticket, request) in requests {
        effects.extend(app.update(RuntimeEvent::Room { ticket, request }));
    }
    if !effects.is_empty() {
        executor::perform(screen, io, jobs, effects);
    }
    let Screen::Editor(app) = screen else {
        return asked;
    };
    let stamp = app.room_stamp();
    let view = if stamp.is_some() && stamp != watch.room_stamp {
        watch.room_version += 1;
        app.room_view(watch.room_version)
    } else {
        None
    };
    watch.room_stamp = stamp;
    io.room_publish(view);
    asked
}
