use super::*;
use crate::canvas::{Canvas, Section};

fn invoicing() -> Canvas {
    crate::canvas::file::parse(include_str!("../../../assets/examples/invoicing.ron"))
        .expect("example")
        .canvas
}

fn meals() -> Canvas {
    crate::canvas::file::parse(include_str!("../../../assets/examples/meals.ron"))
        .expect("example")
        .canvas
}

#[test]
fn numbers_are_short_and_stable() {
    assert_eq!(n(12.0), "12");
    assert_eq!(n(12.25), "12.2");
    assert_eq!(n(-0.01), "0");
    assert_eq!(n(f32::NAN), "0");
}

#[test]
fn the_same_canvas_gives_the_same_bytes() {
    let c = invoicing();
    assert_eq!(svg(&c), svg(&c));
}

#[test]
fn every_item_is_drawn_with_its_whole_text() {
    let c = meals();
    let out = svg(&c);
    for (_, item) in c.all_items() {
        assert!(out.contains(&format!("data-id=\"{}\"", item.id)));
    }
    assert!(out.contains(&escape_text(&c.items(Section::Pains)[0].text)));
}
