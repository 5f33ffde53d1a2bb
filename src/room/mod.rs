//! The room (SPEC §11): everyone in a workshop writes and votes from their
//! own phone, on a page vpcanvas serves on the local network.
//!
//! Three layers, like the rest of the program:
//! - [`state`]: the room as plain data (people, rounds, notes, dots),
//!   changed only through the editor's `update`;
//! - [`server`]: the HTTP edge on its own thread, which hands requests to
//!   the one event loop through a bounded queue and answers from a
//!   [`view::RoomView`] snapshot the loop hands it;
//! - [`page`]: the participants' page, a template filled by a pure function.
//!
//! [`qr`] draws the join address as a QR code; [`keep`] keeps unrevealed
//! notes beside the recovery snapshot.

pub mod keep;
pub mod page;
pub mod qr;
pub mod server;
pub mod state;
pub mod view;

pub use keep::KeptNotes;
pub use state::{Ask, Counts, Refusal, Request, Room, Round, VoteRules, VoteScope};
pub use view::RoomView;
