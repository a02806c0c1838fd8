//! Prints the rights table for the README: `cargo run -p domain --example rights_table`.

fn main() {
    print!("{}", domain::rights::markdown_table());
}
