//! Where everything goes on screen. Pure geometry, shared by rendering, by
//! `update` (to keep the selection visible) and by mouse hit-testing.
//!
//! A leaf module: it knows sections and rectangles, not the app or the
//! drawing, so `app` and `ui` both use it without importing each other.
//! `App::areas` turns the editor's state into a [`View`] and calls [`areas`].

use ratatui::layout::{Direction, Margin, Rect};

use crate::canvas::Section;

pub mod split;

use split::Part::{Fixed, Rest};

/// How the canvas is arranged for a terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Below the minimum: only a "terminal too small" message.
    TooSmall,
    /// One section at a time, with a strip naming all six.
    Focus,
    /// The value map above the customer profile.
    Stacked,
    /// As on paper: value map left, customer profile right.
    Wide,
    /// Projector mode: one section large, the other five compact beside it.
    Zoom,
}

/// The smallest terminal that draws anything but the "too small" message.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 8;

pub fn shape(width: u16, height: u16) -> Shape {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        Shape::TooSmall
    } else if width >= 100 && height >= 16 {
        Shape::Wide
    } else if width >= 60 && height >= 22 {
        Shape::Stacked
    } else {
        Shape::Focus
    }
}

/// The areas of one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub shape: Shape,
    pub header: Rect,
    /// The frames of the two halves (value map, customer profile); empty in Focus.
    pub halves: [Rect; 2],
    /// The section strip in Focus shape.
    pub strip: Rect,
    /// Each section's area: a title row, then its items. Empty when not shown.
    pub sections: [Rect; 6],
    /// One line about the selected item (or the field being edited).
    pub detail: Rect,
    pub footer: Rect,
    /// The fit summary, on the walkthrough's last step.
    pub summary: Rect,
    /// The section drawn large in projector mode.
    pub zoomed: Option<Section>,
    /// The alternatives, under the products in the value map (the statement's
    /// "unlike …"); empty when there are none or no room.
    pub alternatives: Rect,
    /// The band under the canvas where the last minute is counted down in
    /// big digits: its own rows, so the countdown never covers a word.
    /// Empty outside the last minute, or where there is no room for it.
    pub countdown: Rect,
}

/// What projector mode shows large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// One section, zoomed, with the other five compact beside it.
    Section(Section),
    /// The fit summary that ends the walkthrough.
    Summary,
}

/// What the layout depends on besides the screen size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    pub focus: Section,
    /// Projector mode and what it shows; `None` in the normal view.
    pub projector: Option<Stage>,
    /// Rows for the header: 1, or more for a large title.
    pub header_rows: u16,
    /// Rows for the line under the canvas: more while a long field is typed there.
    pub detail_rows: u16,
    /// The timer is in its last minute: the canvas gives up rows for the
    /// countdown (see [`COUNTDOWN_ROWS`]).
    pub countdown: bool,
}

impl View {
    pub fn plain(focus: Section) -> Self {
        Self {
            focus,
            projector: None,
            header_rows: 1,
            detail_rows: 1,
            countdown: false,
        }
    }
}

/// A glyph of the big font in cells: 8×8 pixels drawn as quadrant blocks.
pub const BIG_GLYPH: u16 = 4;

/// Rows of the countdown's band: a line of big digits in a frame.
pub const COUNTDOWN_ROWS: u16 = BIG_GLYPH + 2;

/// Rows a large title of `lines` lines takes: four rows of quadrant blocks
/// each, plus the subtitle line.
pub fn big_header_rows(lines: usize) -> u16 {
    cells(lines).saturating_mul(BIG_GLYPH).saturating_add(1)
}

/// Computes the areas for a screen of `area`, every section given the same
/// share of its half.
pub fn areas(area: Rect, view: &View) -> Areas {
    areas_with(area, view, None)
}

/// What the canvas holds, as rows: sections share their half by it.
#[derive(Clone, Copy)]
pub struct Need<'a> {
    /// Rows a section's title and items need at a content width, counted no
    /// further than a cap: `(section, width, cap) -> rows`.
    pub section: &'a dyn Fn(Section, u16, u16) -> u16,
    /// Rows the alternatives take at a width (0 when there are none).
    pub alternatives: &'a dyn Fn(u16) -> u16,
    /// Rows the focused section needs at a content width to show its title
    /// and its selected item whole (0 for the other sections): the least it
    /// is given when there is room.
    pub keep: &'a dyn Fn(Section, u16) -> u16,
}

/// Computes the areas for a screen of `area`; with `need`, sections share
/// their half's rows by what they hold.
pub fn areas_with(area: Rect, view: &View, need: Option<Need<'_>>) -> Areas {
    let shape = view_shape(area, *view);
    let mut out = Areas {
        shape,
        header: Rect::default(),
        halves: [Rect::default(); 2],
        strip: Rect::default(),
        sections: [Rect::default(); 6],
        detail: Rect::default(),
        footer: Rect::default(),
        summary: Rect::default(),
        zoomed: None,
        alternatives: Rect::default(),
        countdown: Rect::default(),
    };
    if shape == Shape::TooSmall {
        return out;
    }
    let header_rows = if shape == Shape::Zoom {
        view.header_rows
    } else {
        1
    };
    let detail_rows = view.detail_rows.clamp(1, (area.height / 4).max(1));
    let [header, body, detail, footer] = split::lengths(
        area,
        Direction::Vertical,
        [Fixed(header_rows), Rest, Fixed(detail_rows), Fixed(1)],
    );
    out.header = header;
    out.detail = detail;
    out.footer = footer;
    // The countdown's rows come from under the stage: in projector mode the
    // zoomed section (the side boxes keep theirs), else the whole canvas.
    let body = if shape == Shape::Zoom {
        body
    } else {
        let (rest, band) = countdown_band(body, view.countdown);
        out.countdown = band;
        rest
    };
    match shape {
        Shape::Wide | Shape::Stacked => halves(&mut out, body, need),
        Shape::Focus => focus_strip(&mut out, body, *view),
        Shape::Zoom => match view.projector {
            Some(Stage::Summary) => out.summary = body,
            Some(Stage::Section(s)) => zoom(&mut out, body, s, need),
            None => zoom(&mut out, body, view.focus, need),
        },
        Shape::TooSmall => {}
    }
    if shape == Shape::Zoom {
        let stage = match out.zoomed {
            Some(z) => &mut out.sections[z.index()],
            None => &mut out.summary,
        };
        let (rest, band) = countdown_band(*stage, view.countdown);
        *stage = rest;
        out.countdown = band;
    }
    out
}

/// Splits the countdown's band from the bottom of `body` when it is wanted
/// and the canvas keeps at least as many rows: (what is left, the band).
fn countdown_band(body: Rect, wanted: bool) -> (Rect, Rect) {
    if !wanted || body.height < 2 * COUNTDOWN_ROWS {
        return (body, Rect::default());
    }
    let [rest, band] = split::lengths(body, Direction::Vertical, [Rest, Fixed(COUNTDOWN_ROWS)]);
    (rest, band)
}

/// The shape for the screen size; projector mode zooms where it has room and
/// shows one section at a time where it has not.
fn view_shape(area: Rect, view: View) -> Shape {
    let shape = shape(area.width, area.height);
    if view.projector.is_none() || shape == Shape::TooSmall {
        shape
    } else if area.width >= 60 && area.height >= 20 {
        Shape::Zoom
    } else {
        Shape::Focus
    }
}

/// The two halves side by side (Wide) or stacked, each split into its three
/// sections; the alternatives under the products.
fn halves(out: &mut Areas, body: Rect, need: Option<Need<'_>>) {
    let halves = if out.shape == Shape::Wide {
        split::percent(body, Direction::Horizontal, 50)
    } else {
        stacked_halves(body, need)
    };
    out.halves = halves;
    let [products, creators, relievers] = split_half(halves[0], HALVES[0], need);
    let (products, alternatives) = alternatives_under(products, need);
    out.alternatives = alternatives;
    let [jobs, gains, pains] = split_half(halves[1], HALVES[1], need);
    out.sections[Section::Products.index()] = products;
    out.sections[Section::Creators.index()] = creators;
    out.sections[Section::Relievers.index()] = relievers;
    out.sections[Section::Gains.index()] = gains;
    out.sections[Section::Pains.index()] = pains;
    out.sections[Section::Jobs.index()] = jobs;
}

/// Focus shape: the strip naming the six sections, then the focused one (or
/// the walkthrough's fit summary) below it.
fn focus_strip(out: &mut Areas, body: Rect, view: View) {
    let [strip, rest] = split::lengths(body, Direction::Vertical, [Fixed(1), Rest]);
    out.strip = strip;
    if view.projector == Some(Stage::Summary) {
        out.summary = rest;
    } else {
        out.sections[view.focus.index()] = rest;
    }
}

/// Where the key help goes on a screen of `area`: nearly all of it.
pub fn help_area(area: Rect) -> Rect {
    centered(area, 90, area.height.saturating_sub(2))
}

/// How far help of `lines` lines can scroll on a screen `rows` high: its
/// last line at the bottom of the frame (which has a border above and below).
pub fn help_max_scroll(lines: usize, rows: u16) -> u16 {
    let shown = usize::from(help_area(Rect::new(0, 0, 1, rows)).height.saturating_sub(2));
    u16::try_from(lines.saturating_sub(shown)).unwrap_or(u16::MAX)
}

/// Shares `total` rows among boxes that need `needs` rows, each given at least
/// its `mins` (when there is room for them): every box gets what it needs if
/// all fit, the rest spread evenly; otherwise the small ones are served whole
/// first and the large ones share what is left.
pub fn share(total: u16, needs: &[u16], mins: &[u16]) -> Vec<u16> {
    let n = needs.len();
    if n == 0 {
        return Vec::new();
    }
    let min_sum: u32 = mins.iter().map(|m| u32::from(*m)).sum();
    let mut alloc: Vec<u16>;
    if min_sum > u32::from(total) {
        // Not even the minimums fit: shrink them alike.
        alloc = mins
            .iter()
            .map(|m| (u32::from(*m) * u32::from(total) / min_sum.max(1)) as u16)
            .collect();
    } else {
        alloc = mins.to_vec();
    }
    let mut left = total.saturating_sub(alloc.iter().sum());
    // Row by row to whoever still needs more, in turn.
    while left > 0 {
        let mut gave = false;
        for i in 0..n {
            if left > 0 && alloc[i] < needs[i] {
                alloc[i] += 1;
                left -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    // Everything fits: the spare rows go around evenly.
    let mut i = 0;
    while left > 0 {
        alloc[i % n] += 1;
        left -= 1;
        i += 1;
    }
    alloc
}

/// A `w`×`h` rectangle centred in `area` (cut to fit): where dialogs go.
/// A count (items, rows, columns) as terminal cells, saturating at
/// `u16::MAX`: a plain `as u16` wraps 65,536 items to 0 (#11).
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let row = split::center(area, Direction::Vertical, h);
    split::center(row, Direction::Horizontal, w)
}

/// Projector mode: the zoomed section large on the left, the other five in
/// framed boxes beside it, sharing the column by what they hold.
fn zoom(out: &mut Areas, body: Rect, zoomed: Section, need: Option<Need<'_>>) {
    out.zoomed = Some(zoomed);
    let [big, rest] = split::percent(body, Direction::Horizontal, 68);
    out.sections[zoomed.index()] = big;
    let others: Vec<Section> = Section::WORKSHOP_ORDER
        .into_iter()
        .filter(|s| *s != zoomed)
        .collect();
    // Side boxes are framed: two rows of border, then title and items.
    let heights = match need {
        Some(need) => {
            let inner = rest.width.saturating_sub(2);
            let needs: Vec<u16> = others
                .iter()
                .map(|s| (need.section)(*s, inner, rest.height).saturating_add(2))
                .collect();
            share(rest.height, &needs, &[4; 5])
        }
        None => split::even_rows::<5>(rest).map(|r| r.height).to_vec(),
    };
    let mut y = rest.y;
    for (section, h) in others.into_iter().zip(heights) {
        out.sections[section.index()] = Rect {
            y,
            height: h,
            ..rest
        };
        y += h;
    }
}

/// Each half's sections: the tall column, then the upper and lower boxes.
const HALVES: [[Section; 3]; 2] = [
    [Section::Products, Section::Creators, Section::Relievers],
    [Section::Jobs, Section::Gains, Section::Pains],
];

/// The two halves one above the other, sharing the rows by what they hold.
fn stacked_halves(body: Rect, need: Option<Need<'_>>) -> [Rect; 2] {
    let Some(need) = need else {
        return split::percent(body, Direction::Vertical, 50);
    };
    let needs = HALVES.map(|half| {
        let probe = Rect {
            height: body.height,
            ..body
        };
        let [tall, top, bottom] = columns(probe.inner(Margin::new(1, 1)), half[0]);
        let cap = body.height;
        let n = |s: Section, r: Rect| (need.section)(s, content(s, r).width, cap);
        let column = n(half[1], top)
            .saturating_add(1)
            .saturating_add(n(half[2], bottom));
        n(half[0], tall).max(column).saturating_add(2)
    });
    // The half with the focus keeps room for its selected item, whole.
    let mins = HALVES.map(|half| {
        let [tall, top, bottom] = columns(body.inner(Margin::new(1, 1)), half[0]);
        let k = |s: Section, r: Rect| (need.keep)(s, content(s, r).width);
        let tall_keep = k(half[0], tall);
        // In the shared column the other box keeps its title and a row.
        let column_keep = k(half[1], top).max(k(half[2], bottom));
        let column_keep = if column_keep > 0 { column_keep + 3 } else { 0 };
        tall_keep
            .max(column_keep)
            .saturating_add(2)
            .clamp(7, body.height.saturating_sub(7).max(7))
    });
    let heights = share(body.height, &needs, &mins);
    [
        Rect {
            height: heights[0],
            ..body
        },
        Rect {
            y: body.y + heights[0],
            height: heights[1],
            ..body
        },
    ]
}

/// The products column with the alternatives under it, when there are any
/// and the products keep a title and three rows.
fn alternatives_under(products: Rect, need: Option<Need<'_>>) -> (Rect, Rect) {
    let rows = need.map_or(0, |n| (n.alternatives)(products.width.saturating_sub(1)));
    if rows == 0 || products.height < rows.saturating_add(4) {
        return (products, Rect::default());
    }
    // A line above them, then their words.
    let rows = rows + 1;
    let above = Rect {
        height: products.height - rows,
        ..products
    };
    let below = Rect {
        y: above.bottom(),
        height: rows,
        ..products
    };
    (above, below)
}

/// A half's inside as its tall column and the full-height other column
/// (returned twice, to be split): products on the left of the value map,
/// jobs on the right of the customer profile.
fn columns(inner: Rect, tall: Section) -> [Rect; 3] {
    let [left, right] = split::percent(inner, Direction::Horizontal, 50);
    if tall == Section::Products {
        [left, right, right]
    } else {
        [right, left, left]
    }
}

/// A half's three sections: the tall column, and the other column shared
/// between its upper and lower boxes by what they hold.
fn split_half(half: Rect, sections: [Section; 3], need: Option<Need<'_>>) -> [Rect; 3] {
    let [tall, column, _] = columns(half.inner(Margin::new(1, 1)), sections[0]);
    let (upper, lower) = (sections[1], sections[2]);
    let top_height = match need {
        Some(need) => {
            let cap = column.height;
            // The upper box carries the divider line under it.
            let needs = [
                (need.section)(upper, content(upper, column).width, cap).saturating_add(1),
                (need.section)(lower, content(lower, column).width, cap),
            ];
            // The focused box keeps room for its selected item, whole; the
            // other keeps its title and a row.
            let keep_upper = (need.keep)(upper, content(upper, column).width);
            let keep_lower = (need.keep)(lower, content(lower, column).width);
            let room = column.height;
            let mins = [
                keep_upper
                    .saturating_add(1)
                    .clamp(3, room.saturating_sub(2).max(3)),
                keep_lower.clamp(2, room.saturating_sub(3).max(2)),
            ];
            share(column.height, &needs, &mins)[0]
        }
        None => {
            let [top, _] = split::percent(column, Direction::Vertical, 50);
            top.height
        }
    };
    let top = Rect {
        height: top_height,
        ..column
    };
    let bottom = Rect {
        y: column.y + top_height,
        height: column.height - top_height,
        ..column
    };
    [tall, top, bottom]
}

/// The section dividers drawn inside a half: each section area keeps its
/// content clear of them. Returns the area for a section's title and items.
pub fn content(section: Section, area: Rect) -> Rect {
    let (right, bottom) = divider_sides(section);
    Rect {
        x: area.x,
        y: area.y,
        width: area.width.saturating_sub(u16::from(right)),
        height: area.height.saturating_sub(u16::from(bottom)),
    }
}

/// Which sides of a section carry a divider line: (right, bottom).
pub fn divider_sides(section: Section) -> (bool, bool) {
    match section {
        Section::Products | Section::Pains => (true, false),
        Section::Creators => (false, true),
        Section::Gains => (true, true),
        Section::Relievers | Section::Jobs => (false, false),
    }
}

/// The area for a section's title and items, inside whatever frames it.
pub fn section_content(a: &Areas, section: Section) -> Rect {
    let area = a.sections[section.index()];
    match a.shape {
        Shape::Focus => area,
        // Projector sections are framed on their own.
        Shape::Zoom => area.inner(Margin::new(1, 1)),
        _ => content(section, area),
    }
}

/// The rows under a section's title, where its items go.
pub fn list_area(a: &Areas, section: Section) -> Rect {
    let content = section_content(a, section);
    Rect {
        y: content.y.saturating_add(1),
        height: content.height.saturating_sub(1),
        ..content
    }
}

/// Blank rows between items: air in the section zoomed for a room.
pub fn gap(a: &Areas, section: Section) -> usize {
    usize::from(a.zoomed == Some(section))
}

/// The first of `len` items of varying height to show in `rows` rows so that
/// item `keep` is shown whole (from its top, when taller than `rows`), moving
/// `scroll` as little as possible and leaving no blank rows below the last
/// item. `gap` blank rows separate items. Looks at no more items than fit.
pub fn scroll_rows(
    scroll: usize,
    keep: usize,
    rows: usize,
    len: usize,
    gap: usize,
    height: &dyn Fn(usize) -> usize,
) -> usize {
    if len == 0 {
        return 0;
    }
    let keep = keep.min(len - 1);
    // The smallest start such that `from` and the items before it fit.
    let fits_back = |from: usize| {
        let mut start = from;
        let mut used = height(from);
        while start > 0 {
            let more = gap + height(start - 1);
            if used + more > rows {
                break;
            }
            used += more;
            start -= 1;
        }
        start
    };
    scroll
        .min(keep)
        .max(fits_back(keep))
        .min(fits_back(len - 1))
}

/// The first visible index so that `selected` is on screen, moving `scroll`
/// as little as possible and never leaving blank rows below the last item.
pub fn scroll_to_show(scroll: usize, selected: usize, rows: usize, len: usize) -> usize {
    if rows == 0 {
        return scroll.min(len.saturating_sub(1));
    }
    let mut s = scroll;
    if selected < s {
        s = selected;
    } else if selected >= s + rows {
        s = selected + 1 - rows;
    }
    s.min(len.saturating_sub(rows))
}

#[cfg(test)]
mod tests;
