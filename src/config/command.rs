//! `opencabin settings show|set`: the user's settings from the command line, those of the
//! active driver profile (the guest's: the settings file itself, unless another is active).

use std::path::PathBuf;

use super::{Loaded, Profiles, default_path};

/// What `opencabin settings` does.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsAction {
    /// Prints every setting and the file it comes from.
    Show,
    /// Sets one setting; the file is replaced atomically.
    Set { key: String, value: String },
}

/// `opencabin settings show|set`, on the active profile of the settings file at `path`
/// (default: the XDG one).
pub fn run(path: Option<PathBuf>, action: SettingsAction) -> anyhow::Result<()> {
    let (mut store, mut settings, loaded) = Profiles::open(path.unwrap_or_else(default_path));
    if let Loaded::Recovered { kept_as, reason } = &loaded {
        eprintln!(
            "opencabin: the settings file was unusable ({reason}); kept as {}",
            kept_as.display()
        );
    }
    match action {
        SettingsAction::Show => {
            println!("# {}", store.path().display());
            for (key, value) in settings.to_toml() {
                println!("{key} = {value}");
            }
        }
        SettingsAction::Set { key, value } => {
            settings.set(&key, &value).map_err(anyhow::Error::msg)?;
            store.save(&settings)?;
        }
    }
    Ok(())
}
