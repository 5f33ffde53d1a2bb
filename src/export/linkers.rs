//! Who links to what, and each item's text as a document writes it: for
//! the documents that list every item with its links (Markdown, plain text).

#[cfg(test)]
use crate::canvas::Item;
use crate::canvas::{Canvas, Section};

/// Who links to each customer item, found in one pass over the value map:
/// for documents that list every item with its links.
/// [`Canvas::linked_to`] finds a customer item's linkers by a pass over the
/// other section, which over every item is quadratic. Per customer section
/// (jobs, pains, gains), the places of each item's linkers, item after item
/// in one list (`starts[i]..starts[i + 1]` are item `i`'s).
pub(super) struct Linkers {
    /// Per customer section (in [`CUSTOMER`] order): who links to each item.
    customer: [Places; 3],
    /// Per value-map section (the counterparts of [`CUSTOMER`]): what each
    /// item links to, found once here rather than by id per document line.
    offer: [Places; 3],
}

/// Item after item, the places of what each is linked to, in the other
/// section's order and each once: `starts[i]..starts[i + 1]` of `places`
/// are item `i`'s.
#[derive(Default)]
struct Places {
    starts: Vec<u32>,
    places: Vec<u32>,
}

impl Places {
    /// From (item, place) pairs: sorted and made unique here.
    fn of(items: usize, mut pairs: Vec<(u32, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        let mut starts = vec![0u32; items + 1];
        for &(i, _) in &pairs {
            starts[i as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        Places {
            starts,
            places: pairs.into_iter().map(|(_, at)| at).collect(),
        }
    }

    /// Item `i`'s places.
    fn of_item(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&from), Some(&to)) => &self.places[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// The customer sections, in the order [`Linkers`] keeps them.
const CUSTOMER: [Section; 3] = [Section::Jobs, Section::Pains, Section::Gains];

impl Linkers {
    pub(super) fn of(canvas: &Canvas) -> Self {
        let mut offer: [Places; 3] = Default::default();
        let customer = std::array::from_fn(|k| {
            let target = CUSTOMER[k];
            let linkers = canvas.items(target.counterpart());
            // (the target's place, the linker's place), and the reverse.
            let mut pairs: Vec<(u32, u32)> = Vec::new();
            for (at, linker) in linkers.iter().enumerate() {
                pairs.extend(
                    linker
                        .links
                        .iter()
                        .filter_map(|&t| canvas.index_in(target, t))
                        .map(|t| (t as u32, at as u32)),
                );
            }
            let reverse = pairs.iter().map(|&(t, at)| (at, t)).collect();
            offer[k] = Places::of(linkers.len(), reverse);
            Places::of(canvas.items(target).len(), pairs)
        });
        Linkers { customer, offer }
    }

    /// The places (in the other section) of what the item at place `at` of
    /// `section` is linked to, in that section's order, each once.
    fn places(&self, section: Section, at: usize) -> &[u32] {
        let customer = CUSTOMER.iter().position(|s| *s == section);
        let offer = CUSTOMER.iter().position(|s| s.counterpart() == section);
        match (customer, offer) {
            (Some(k), _) => self.customer[k].of_item(at),
            (None, Some(k)) => self.offer[k].of_item(at),
            (None, None) => &[],
        }
    }

    /// [`super::linked_texts`], found through this index.
    #[cfg(test)]
    pub(super) fn texts(&self, canvas: &Canvas, section: Section, item: &Item) -> String {
        let written = Written::of(canvas, super::push_one_line);
        let mut out = String::new();
        if let Some(at) = canvas.index_in(section, item.id) {
            self.push_texts(&mut out, &written, section, at);
        }
        out
    }

    /// Adds the texts of what the item at place `at` of `section` is linked
    /// to, as `written` has them, joined with "; "; returns whether there
    /// was any.
    pub(super) fn push_texts(
        &self,
        out: &mut String,
        written: &Written,
        section: Section,
        at: usize,
    ) -> bool {
        let places = self.places(section, at);
        let other = section.counterpart();
        for (n, &place) in places.iter().enumerate() {
            if n > 0 {
                out.push_str("; ");
            }
            out.push_str(written.text(other, place as usize));
        }
        !places.is_empty()
    }
}

/// Every item's text as a document writes it (on one line, escaped as the
/// document needs), made once per item into one buffer per section: the
/// item's own line and every line naming it copy it from there. Read where
/// each link was written, the linked items' texts were all over memory
/// (at 100,000 items most of a document's time past loading went to
/// waiting for them), and each was made again for every line naming it.
pub(super) struct Written {
    /// Per section (by [`Section::index`]): the texts one after another,
    /// and where each ends (a canvas file is at most 16 MiB, its texts
    /// written far under 4 GiB).
    sections: [(String, Vec<u32>); 6],
}

impl Written {
    /// Every item's text of `canvas`, each written by `push`.
    pub(super) fn of(canvas: &Canvas, push: impl Fn(&mut String, &str)) -> Self {
        let sections = std::array::from_fn(|k| {
            let items = canvas.items(Section::ALL[k]);
            // Room for the texts and a few escapes: a buffer that grew
            // would be copied, and twice the size.
            let bytes = items.iter().map(|i| i.text.len()).sum::<usize>();
            let room = bytes + bytes / 16 + 64;
            let mut text = String::with_capacity(room);
            let mut ends = Vec::with_capacity(items.len());
            for item in items {
                push(&mut text, &item.text);
                ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            }
            (text, ends)
        });
        Written { sections }
    }

    /// The text of the item at place `at` of `section`, as written.
    pub(super) fn text(&self, section: Section, at: usize) -> &str {
        let (text, ends) = &self.sections[section.index()];
        let end_of = |k: usize| ends.get(k).map_or(0, |&e| e as usize);
        let start = at.checked_sub(1).map_or(0, end_of);
        text.get(start..end_of(at)).unwrap_or("")
    }
}
