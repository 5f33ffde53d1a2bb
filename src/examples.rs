//! The example canvases bundled with the program: a leaf module, shared by
//! the command line (`new --example`) and the library (new from example).

use clap::ValueEnum;

use crate::canvas::Canvas;
use crate::canvas::file::{FormatError, parse};

/// The example canvases bundled with the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Example {
    /// B2B: invoicing for freelance designers.
    Invoicing,
    /// Consumer: meal planning for busy parents.
    Meals,
}

impl Example {
    pub fn source(self) -> &'static str {
        match self {
            Example::Invoicing => include_str!("../assets/examples/invoicing.ron"),
            Example::Meals => include_str!("../assets/examples/meals.ron"),
        }
    }

    /// The example as a canvas (the bundled files are checked by tests).
    pub fn canvas(self) -> Result<Canvas, FormatError> {
        parse(self.source()).map(|p| p.canvas)
    }
}
