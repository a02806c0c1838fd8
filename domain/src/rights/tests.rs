//! The README carries the table as generated.

use super::markdown_table;

const START: &str = "<!-- rights-table:start -->\n";
const END: &str = "<!-- rights-table:end -->";

#[test]
fn the_readme_holds_the_table_as_generated() {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find(START)
        .expect("README has the rights-table start marker")
        + START.len();
    let end = readme
        .find(END)
        .expect("README has the rights-table end marker");
    assert_eq!(
        &readme[start..end],
        markdown_table(),
        "README's rights table differs from domain::rights: paste `markdown_table()` between the markers"
    );
}
