//! The shape of the code, held as the review asked: the library's top-level modules depend on
//! each other without a cycle, clap is known only to the binary's command-line module, every
//! D-Bus interface name is written once in `src/`, and no source file exceeds 400 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file with its text, relative to `src/`.
fn files() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    sources(&src(), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.strip_prefix(src()).unwrap().to_path_buf(), text)
        })
        .collect()
}

/// The library's top-level module a file belongs to (`None` for the binary and `lib.rs`).
fn top_module(file: &Path) -> Option<String> {
    let first = file.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (!["main", "lib", "cli"].contains(&name.as_str())).then_some(name)
}

/// The code of a file without its comments: line comments only (the code has no block ones),
/// starting a line or after a space, so that `"file://..."` in a string stays.
fn code(text: &str) -> String {
    // A file's unit tests come last; their fixtures are data, not the contract.
    let text = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                ""
            } else {
                line.find(" //").map_or(line, |at| &line[..at])
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `code` names `name` on its own, not as part of a longer dotted name.
fn names(code: &str, name: &str) -> bool {
    let part_of_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + name.len()..].chars().next();
        !before.is_some_and(part_of_name) && !after.is_some_and(part_of_name)
    })
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let modules: BTreeSet<String> = files().iter().filter_map(|(f, _)| top_module(f)).collect();
    for (file, text) in files() {
        let Some(from) = top_module(&file) else {
            continue;
        };
        let code = code(&text);
        for to in &modules {
            if *to != from && code.contains(&format!("crate::{to}::")) {
                uses.entry(from.clone()).or_default().insert(to.clone());
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn cycle(
        node: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        path.push(node.to_string());
        for next in uses.get(node).into_iter().flatten() {
            if let Some(found) = cycle(next, uses, path) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    for module in &modules {
        if let Some(found) = cycle(module, &uses, &mut Vec::new()) {
            panic!("modules import each other: {}", found.join(" -> "));
        }
    }
    assert!(
        !uses
            .get("contract")
            .is_some_and(|u| u.iter().any(|m| m != "publish")),
        "the contract stands on nothing but the publication helper: {:?}",
        uses.get("contract")
    );
}

#[test]
fn clap_is_known_only_to_the_command_line() {
    for (file, text) in files() {
        let in_cli = file.starts_with("cli");
        if !in_cli {
            assert!(
                !code(&text).contains("clap::"),
                "{} uses clap",
                file.display()
            );
        }
    }
}

#[test]
fn every_interface_name_is_written_once() {
    let interfaces = [
        "org.opencabin.Vehicle1.Drive",
        "org.opencabin.Vehicle1.Battery",
        "org.opencabin.Vehicle1.Climate",
        "org.opencabin.Vehicle1.Body",
        "org.opencabin.Vehicle1.Tires",
        "org.opencabin.Vehicle1.Alerts",
        "org.opencabin.Vehicle1.Simulation",
        "org.opencabin.Vehicle1.Location",
        "org.opencabin.Navigation1",
        "org.mpris.MediaPlayer2",
        "org.mpris.MediaPlayer2.Player",
        "org.mpris.MediaPlayer2.TrackList",
        "org.opencabin.Media1",
        "org.opencabin.Shell1",
        "org.opencabin.Cluster1",
        "org.opencabin.Companion1",
        "org.ofono.Manager",
        "org.ofono.Modem",
        "org.ofono.VoiceCallManager",
        "org.ofono.VoiceCall",
        "org.ofono.NetworkRegistration",
        "org.ofono.Handsfree",
        "org.ofono.CallVolume",
        "org.opencabin.PhoneSim1",
        "org.opencabin.Phonebook1",
    ];
    for name in interfaces {
        let places: Vec<String> = files()
            .iter()
            .filter(|(_, text)| names(&code(text), name))
            .map(|(file, _)| file.display().to_string())
            .collect();
        assert_eq!(places.len(), 1, "{name} is written in {places:?}");
    }
}

#[test]
fn no_source_file_is_over_400_lines() {
    let long: Vec<String> = files()
        .iter()
        .filter(|(_, text)| text.lines().count() > 400)
        .map(|(file, text)| format!("{} ({} lines)", file.display(), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "over 400 lines: {long:?}");
}
