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
}
