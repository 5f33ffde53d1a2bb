use super::*;
use crate::canvas::Section;

#[test]
fn numbers_are_short_and_stable() {
    assert_eq!(n(12.0), "12");
    assert_eq!(n(12.25), "12.2");
    assert_eq!(n(-0.01), "0");
    assert_eq!(n(f32::NAN), "0");
}

#[test]
fn the_same_canvas_gives_the_same_bytes() {
    let c = crate::examples::Example::Invoicing
        .canvas()
        .expect("example");
    assert_eq!(svg(&c), svg(&c));
}

#[test]
fn every_item_is_drawn_with_its_whole_text() {
    let c = crate::examples::Example::Meals.canvas().expect("example");
    let out = svg(&c);
    for (_, item) in c.all_items() {
        assert!(out.contains(&format!("data-id=\"{}\"", item.id)));
    }
    assert!(out.contains(&escape_text(&c.items(Section::Pains)[0].text)));
}

/// Writes pictures for looking at by hand: `VPCANVAS_PICTURES=dir cargo test --lib export::svg::tests::write_pictures`.
#[test]
fn write_pictures() {
    let Some(dir) = std::env::var_os("VPCANVAS_PICTURES") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let canvases = [
        (
            "invoicing",
            crate::examples::Example::Invoicing
                .canvas()
                .expect("example"),
        ),
        (
            "meals",
            crate::examples::Example::Meals.canvas().expect("example"),
        ),
        ("synth60", crate::synth::synthetic(60, 7)),
    ];
    for (name, c) in canvases {
        std::fs::write(dir.join(format!("{name}.svg")), svg(&c)).expect("write");
        std::fs::write(
            dir.join(format!("{name}.html")),
            crate::export::html::report(&c),
        )
        .expect("write");
    }
}
