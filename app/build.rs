//! Generates the typed `i18n` module from `locales/*.json` (leptos_i18n), so a missing or
//! misspelled UI text key is a compile error rather than a blank on a resident's screen.

use leptos_i18n_build::{Config, TranslationsInfos};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let config = Config::new("zh-CN")
        .expect("default locale zh-CN")
        .add_locale("en")
        .expect("second locale en");
    let infos = TranslationsInfos::parse(config).expect("locales/*.json parse");
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("i18n");
    infos
        .generate_i18n_module(out)
        .expect("generate i18n module");
    embed_catalogue();
}

/// Validates the shipped catalogue and writes it in postcard form for `include_bytes!`, so
/// the bundle carries neither JSON text nor a JSON parser.
fn embed_catalogue() {
    let source = "../domain/data/catalogue.json";
    println!("cargo::rerun-if-changed={source}");
    let json = std::fs::read_to_string(source).expect("domain/data/catalogue.json readable");
    let catalogue = domain::catalogue::Catalogue::from_json(&json)
        .unwrap_or_else(|e| panic!("domain/data/catalogue.json: {}", e.message_zh()));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("catalogue.postcard"), catalogue.to_postcard())
        .expect("write catalogue.postcard");
}
