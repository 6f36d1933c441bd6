//! Compiles the one Slint root, `ui/app.slint`, into Rust.
fn main() {
    slint_build::compile("ui/app.slint").expect("ui/app.slint compiles");
}
