//! Reading scenarios: every built-in one parses, and each kind of mistake names its line and what
//! is allowed.

use super::*;

#[test]
fn every_built_in_scenario_parses_and_every_file_is_built_in() {
    for name in builtin_names() {
        let scenario = builtin(name).unwrap_or_else(|e| panic!("{e}"));
        assert!(!scenario.title.is_empty());
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    let mut names: Vec<String> = builtin_names().map(|n| format!("{n}.toml")).collect();
    names.sort();
    assert_eq!(files, names);
}

#[test]
fn the_methods_come_from_the_introspection() {
    let methods = simulation_methods();
    let find = |name: &str| methods.iter().find(|(n, _)| n == name).unwrap().1.clone();
    assert_eq!(find("SetDoor"), ['s', 'b']);
    assert_eq!(find("Pause"), [] as [char; 0]);
    assert_eq!(find("DeflateTire"), ['s', 'd']);
}

fn error(text: &str) -> String {
    parse("bad.toml", text).unwrap_err().to_string()
}

#[test]
fn mistakes_name_the_line_and_what_is_allowed() {
    let head = "title = \"t\"\n[[step]]\nat = 0\n";
    assert!(
        error(&format!("{head}call = \"Fly\"\n")).starts_with(
            "bad.toml:4: call = \"Fly\" is not a Simulation method; allowed: LoadCycle"
        ),
    );
    assert_eq!(
        error(&format!("{head}call = \"SetDoor\"\nargs = [\"trunk\"]\n")),
        "bad.toml:5: SetDoor takes 2 argument(s) (a string, true or false), not 1"
    );
    assert_eq!(
        error(&format!("{head}call = \"SetGear\"\nargs = [3]\n")),
        "bad.toml:5: SetGear: 3 is not a string; the arguments are a string"
    );
    assert!(error("title = \"t\"\n[[step]\n").starts_with("bad.toml:2: "));
    assert!(
        error(&format!("{head}call = \"Pause\"\nwhen = 3\n"))
            .starts_with("bad.toml:5: unknown field `when`"),
        "{}",
        error(&format!("{head}call = \"Pause\"\nwhen = 3\n"))
    );
    assert!(
        error(&format!(
            "{head}call = \"Pause\"\n[[expect]]\nat = 1\nalert = \"fire\"\n"
        ))
        .starts_with(
            "bad.toml:7: alert = \"fire\" is not an alert the car raises; allowed: battery-low"
        )
    );
    assert_eq!(
        error(&format!(
            "{head}call = \"Pause\"\n[[expect]]\nat = 1\nnavigation = \"lost\"\n"
        )),
        "bad.toml:7: navigation = \"lost\"; allowed: guiding, arrived"
    );
    assert_eq!(
        error(&format!(
            "{head}call = \"Pause\"\n[[expect]]\nat = 1\nalert = \"tire-low\"\nnavigation = \"arrived\"\n"
        )),
        "bad.toml:5: an [[expect]] names one alert, one navigation state or one phone state"
    );
    assert_eq!(
        error(&format!(
            "{head}call = \"Pause\"\n[[expect]]\nat = 1\nphone = \"busy\"\n"
        )),
        "bad.toml:7: phone = \"busy\"; allowed: ringing, in-call, idle"
    );
    assert_eq!(
        error("title = \"t\"\n[[step]]\nat = -1\ncall = \"Pause\"\n"),
        "bad.toml:3: at = -1 is out of range; allowed: 0 to 3600 seconds"
    );
}
