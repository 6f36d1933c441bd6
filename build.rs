//! Compiles the one Slint root, `ui/app.slint`, into Rust, with the translations in
//! `ui/translations/` bundled (gettext `.po` files, no translation context).
fn main() {
    let config = slint_build::CompilerConfiguration::new()
        .with_bundled_translations("ui/translations")
        .with_default_translation_context(slint_build::DefaultTranslationContext::None);
    slint_build::compile_with_config("ui/app.slint", config).expect("ui/app.slint compiles");
}
