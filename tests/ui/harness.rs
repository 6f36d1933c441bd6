//! A test runner for the UI on Slint's testing backend, which starts once per process: every
//! case is a named entry run in turn with a fresh private bus, a fresh window with the whole UI
//! process side (the crossing, Shell1, a settings file of its own) and, if it asks, the
//! simulator panel. A failing case is reported by name and the others still run; the process
//! fails if any did. Arguments that do not start with `-` select the cases whose name contains
//! them, as `cargo test` filters do.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use slint::ComponentHandle;

use crate::common::{TestBus, fontconfig_without_fonts, on_ui, temp_dir, wait_for};
use opencabin::ui::{AppWindow, SimulatorPanel};

/// What a case works with.
pub struct Ui {
    pub window: slint::Weak<AppWindow>,
    pub bus: TestBus,
    /// The settings file the UI reads and writes.
    pub settings: PathBuf,
    /// The simulator panel, for cases that open it.
    pub panel: Option<slint::Weak<SimulatorPanel>>,
}

/// A named behaviour to check.
pub struct Case {
    pub name: &'static str,
    pub run: fn(&Ui),
    /// Whether the simulator panel is opened beside the window.
    pub panel: bool,
}

/// A case against the IVI window.
pub const fn case(name: &'static str, run: fn(&Ui)) -> Case {
    Case {
        name,
        run,
        panel: false,
    }
}

/// A case against the IVI window and the simulator panel beside it.
pub const fn panel_case(name: &'static str, run: fn(&Ui)) -> Case {
    Case {
        name,
        run,
        panel: true,
    }
}

/// Runs the selected cases and reports each by name, as libtest does.
pub fn run(cases: Vec<Case>) -> ExitCode {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let selected: Vec<Case> = cases
        .into_iter()
        .filter(|c| filters.is_empty() || filters.iter().any(|f| c.name.contains(f.as_str())))
        .collect();
    // SAFETY: before Slint or any other thread runs.
    unsafe { std::env::set_var("FONTCONFIG_FILE", fontconfig_without_fonts()) };
    i_slint_backend_testing::init_integration_test_with_system_time();
    opencabin::fonts::install();
    println!("\nrunning {} tests", selected.len());
    let mut failed = Vec::new();
    for case in &selected {
        let outcome = run_case(case);
        println!(
            "test {} ... {}",
            case.name,
            if outcome { "ok" } else { "FAILED" }
        );
        if !outcome {
            failed.push(case.name);
        }
    }
    if !failed.is_empty() {
        println!("\nfailures:");
        for name in &failed {
            println!("    {name}");
        }
    }
    println!(
        "\ntest result: {}. {} passed; {} failed\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        selected.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs one case: the event loop on this thread, the case on another; whether it passed.
fn run_case(case: &Case) -> bool {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let bus = TestBus::start();
    let settings = temp_dir(&format!("ui-{}", case.name.replace("::", "-"))).join("settings.toml");
    let window = AppWindow::new().unwrap();
    let shell = opencabin::shell::start(
        runtime.handle(),
        bus.choice(),
        None,
        &window,
        Some(settings.clone()),
        false,
    );
    let panel = case.panel.then(|| {
        // No driver's display in this process: the switch reports what it was asked.
        opencabin::panel::open(
            runtime.handle(),
            bus.choice(),
            opencabin::size::Size::DEFAULT_WINDOW,
            None,
            |on| on,
        )
        .unwrap()
    });
    window.show().unwrap();
    let ui = Ui {
        window: window.as_weak(),
        bus,
        settings,
        panel: panel.as_ref().map(|p| p.as_weak()),
    };
    let run = case.run;
    let test = std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&ui)));
        slint::quit_event_loop().expect("event loop running");
        drop(ui);
        outcome.is_ok()
    });
    // Until quit only: hiding the window below must not queue a quit for the next case's loop.
    slint::run_event_loop_until_quit().unwrap();
    let passed = test.join().unwrap_or(false);
    drop(panel);
    window.hide().unwrap();
    drop(shell);
    drop(window);
    runtime.shutdown_timeout(Duration::from_secs(1));
    passed
}

/// Touches the first enabled button, tab or switch labelled `label` (as a screen reader or a
/// finger would).
pub fn press(window: &slint::Weak<AppWindow>, label: &'static str) {
    on_ui(window, move |w| {
        let element = ElementHandle::find_by_accessible_label(w, label)
            .filter(|e| {
                matches!(
                    e.accessible_role(),
                    Some(AccessibleRole::Button | AccessibleRole::Tab | AccessibleRole::Switch)
                )
            })
            .find(|e| e.accessible_enabled() != Some(false))
            .unwrap_or_else(|| panic!("an enabled element labelled {label:?}"));
        element.invoke_accessible_default_action();
    });
}

/// Whether the page labelled `label` (e.g. "Settings page") is fully shown and no other is.
pub fn page_shown(window: &slint::Weak<AppWindow>, label: &'static str) -> bool {
    on_ui(window, move |w| {
        use i_slint_backend_testing::ElementRoot;
        let pages = w
            .root_element()
            .query_descendants()
            .match_accessible_role(AccessibleRole::TabPanel)
            .find_all();
        let shown = pages
            .iter()
            .filter(|page| page.accessible_label().as_deref() == Some(label))
            .count();
        shown == 1
            && pages.iter().all(|page| {
                let opacity = page.computed_opacity();
                if page.accessible_label().as_deref() == Some(label) {
                    opacity >= 0.999
                } else {
                    opacity <= 0.001
                }
            })
    })
}

/// Shows a page through the shell, as the dock does, and waits until it has faded in.
pub fn show_page(ui: &Ui, page: opencabin::ui::Page) {
    let label = match page {
        opencabin::ui::Page::Home => "Home page",
        opencabin::ui::Page::Navigation => "Navigation page",
        opencabin::ui::Page::Media => "Media page",
        opencabin::ui::Page::Phone => "Phone page",
        opencabin::ui::Page::Climate => "Climate page",
        opencabin::ui::Page::Vehicle => "Vehicle page",
        opencabin::ui::Page::Settings => "Settings page",
    };
    on_ui(&ui.window, move |w| {
        w.global::<opencabin::ui::ShellAdapter>()
            .invoke_show_page(page)
    });
    wait_for(Duration::from_secs(5), label, || {
        page_shown(&ui.window, label).then_some(())
    });
}
