//! Scenarios: timelines of `org.opencabin.Vehicle1.Simulation` calls and the alerts expected
//! along the way, written in TOML (`assets/scenarios/`, or any file). `file.rs` reads and checks
//! them, naming the line of any mistake, against the calls `calls.rs` reads from the interface;
//! `play.rs` plays one against the vehicle service over D-Bus, as any client could.
//! `opencabin scenario`, `opencabin sim --scenario` and the simulator panel all use this.

mod calls;
mod expect;
mod file;
mod phone;
mod play;

pub use file::{
    Arg, Call, Expect, Expected, Scenario, ScenarioError, Step, builtin, builtin_names, load,
};
pub use play::{Event, Outcome, invoke, play, simulation_proxy};

use crate::bus::BusChoice;

/// What `opencabin scenario` does.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioAction {
    /// Lists the built-in scenarios.
    List,
    /// Reads a scenario (a built-in name or a .toml file) and reports the first mistake.
    Check { scenario: String },
    /// Plays a scenario against the vehicle service on the bus.
    Play { scenario: String },
}

/// `opencabin scenario list|check|play`.
pub fn run(bus: BusChoice, action: ScenarioAction) -> anyhow::Result<()> {
    match action {
        ScenarioAction::List => {
            for name in builtin_names() {
                let scenario = builtin(name).expect("built-in scenarios parse (tested)");
                println!("{name:<24} {}", scenario.title);
            }
            Ok(())
        }
        ScenarioAction::Check { scenario } => {
            let scenario = load(&scenario)?;
            println!(
                "{}: {} steps, {} expectations, {:.0} s",
                scenario.name,
                scenario.steps.len(),
                scenario.expects.len(),
                scenario.duration().as_secs_f64()
            );
            Ok(())
        }
        ScenarioAction::Play { scenario } => {
            let scenario = load(&scenario)?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let outcome = runtime.block_on(async {
                let connection = bus.connect().await?;
                play(&connection, &scenario, |event| println!("{event}")).await
            })?;
            if outcome.failed > 0 {
                anyhow::bail!(
                    "{}: {} of {} expectations not met",
                    scenario.name,
                    outcome.failed,
                    outcome.failed + outcome.passed
                );
            }
            Ok(())
        }
    }
}
