//! Geometry: shapes, scrolling and sharing rows.

use super::*;

#[test]
fn shapes_by_size() {
    assert_eq!(shape(1, 1), Shape::TooSmall);
    assert_eq!(shape(120, 40), Shape::Wide);
    assert_eq!(shape(80, 24), Shape::Stacked);
    assert_eq!(shape(40, 12), Shape::Focus);
}

#[test]
fn scrolling_moves_as_little_as_needed() {
    assert_eq!(scroll_to_show(0, 3, 5, 20), 0);
    assert_eq!(scroll_to_show(0, 7, 5, 20), 3);
    assert_eq!(scroll_to_show(3, 2, 5, 20), 2);
    assert_eq!(scroll_to_show(10, 19, 5, 12), 7);
    assert_eq!(scroll_to_show(4, 0, 0, 3), 2);
}

#[test]
fn wide_layout_puts_relievers_facing_pains() {
    let a = areas(Rect::new(0, 0, 120, 40), &View::plain(Section::Jobs));
    let at = |s: Section| a.sections[s.index()];
    assert_eq!(at(Section::Relievers).y, at(Section::Pains).y);
    assert_eq!(at(Section::Creators).y, at(Section::Gains).y);
    assert!(at(Section::Relievers).x < at(Section::Pains).x);
    assert!(at(Section::Creators).x < at(Section::Gains).x);
    assert!(at(Section::Products).x < at(Section::Creators).x);
    assert!(at(Section::Jobs).x > at(Section::Gains).x);
}

#[test]
fn sharing_serves_what_each_needs() {
    assert_eq!(share(36, &[5, 20], &[3, 3]), vec![11, 25]);
    assert_eq!(share(36, &[5, 60], &[3, 3]), vec![5, 31]);
    assert_eq!(share(36, &[60, 60], &[3, 3]), vec![18, 18]);
    assert_eq!(share(4, &[60, 60], &[3, 3]), vec![2, 2]);
    assert_eq!(share(20, &[4, 4, 4, 30, 4], &[4; 5]), vec![4, 4, 4, 4, 4]);
    let spread = share(30, &[4, 4, 4, 30, 4], &[4; 5]);
    assert_eq!(spread.iter().sum::<u16>(), 30);
    assert_eq!(spread[3], 14);
}
