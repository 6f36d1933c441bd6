//! Every text the UI marks for translation has a Simplified Chinese translation, and the
//! translation file holds nothing the UI no longer uses, so a Chinese user never meets English.

use std::collections::BTreeSet;
use std::path::Path;

fn slint_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            slint_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "slint") {
            found.push(path);
        }
    }
}

/// The strings in `@tr("...")` across the UI's sources; one with a context
/// (`@tr("context" => "text")`) as `context\u{4}text`, as gettext keys it.
fn marked_strings() -> BTreeSet<String> {
    let mut files = Vec::new();
    slint_files(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ui").as_path(),
        &mut files,
    );
    let mut strings = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("@tr(\"") {
            let rest = &text[at + 5..];
            let end = rest.find('"').expect("closing quote");
            let first = &rest[..end];
            match rest[end + 1..].trim_start().strip_prefix("=>") {
                Some(after) => {
                    let after = after.trim_start().strip_prefix('"').expect("quoted text");
                    let close = after.find('"').expect("closing quote");
                    strings.insert(format!("{first}\u{4}{}", &after[..close]));
                }
                None => {
                    strings.insert(first.to_string());
                }
            }
        }
    }
    strings
}

/// msgid to msgstr from the bundled .po file.
fn translations() -> Vec<(String, String)> {
    let po = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ui/translations/zh_CN/LC_MESSAGES/opencabin.po"),
    )
    .unwrap();
    let unquote = |line: &str, key: &str| {
        line.strip_prefix(key)
            .map(|v| v.trim().trim_matches('"').to_string())
    };
    let mut pairs = Vec::new();
    let mut id = None;
    let mut context = None;
    for line in po.lines() {
        if let Some(msgctxt) = unquote(line, "msgctxt ") {
            context = Some(msgctxt);
        } else if let Some(msgid) = unquote(line, "msgid ") {
            id = Some(match context.take() {
                Some(context) => format!("{context}\u{4}{msgid}"),
                None => msgid,
            });
        } else if let (Some(msgstr), Some(msgid)) = (unquote(line, "msgstr "), id.take())
            && !msgid.is_empty()
        {
            pairs.push((msgid, msgstr));
        }
    }
    pairs
}

#[test]
fn every_marked_text_has_a_chinese_translation_and_none_is_stale() {
    let marked = marked_strings();
    let translations = translations();
    assert!(
        marked.len() > 100,
        "found only {} marked strings",
        marked.len()
    );
    let translated: BTreeSet<String> = translations.iter().map(|(id, _)| id.clone()).collect();
    let missing: Vec<_> = marked.difference(&translated).collect();
    assert!(missing.is_empty(), "no zh_CN translation for {missing:?}");
    let stale: Vec<_> = translated.difference(&marked).collect();
    assert!(stale.is_empty(), "translations no UI text uses: {stale:?}");
    for (id, text) in &translations {
        assert!(!text.is_empty(), "empty translation for {id:?}");
        assert_eq!(
            id.matches("{}").count(),
            text.matches("{}").count(),
            "placeholders differ in {id:?} -> {text:?}"
        );
    }
}
