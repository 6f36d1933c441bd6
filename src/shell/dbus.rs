//! `org.opencabin.Shell1` served by the UI process (the interface is `contract::shell`): the
//! page, theme, language and driver profiles through the shell's handle, which services deliver
//! live data, and screenshots of the live window.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::crossing::Shared;
use super::handle::ShellHandle;
use crate::bus::BusChoice;
use crate::contract::shell::{self, Language, Page, Shell, ShellBackend, ShellError, Theme};
use crate::size::Size;

/// What Shell1 serves: the shell's handle and the UI state.
#[derive(Clone)]
pub struct ShellService {
    handle: ShellHandle,
    ui: Arc<Shared>,
}

impl ShellBackend for ShellService {
    fn page(&self) -> Page {
        self.handle.settings().page
    }

    fn show_page(&self, page: Page) {
        self.handle.change(|s| s.page = page);
    }

    fn theme(&self) -> Theme {
        self.handle.settings().user.theme
    }

    fn set_theme(&self, theme: Theme) {
        self.set_user("theme", theme.as_str());
    }

    fn language(&self) -> Language {
        self.handle.settings().user.language
    }

    fn set_language(&self, language: Language) {
        self.set_user("language", language.as_str());
    }

    fn window_size(&self) -> String {
        self.handle.window_size().to_string()
    }

    fn set_window_size(&self, size: &str) -> Result<(), ShellError> {
        let size: Size = size.parse().map_err(ShellError::InvalidValue)?;
        if !size.fits_in(Size::LARGEST_ON_REQUEST) {
            return Err(ShellError::InvalidValue(format!(
                "{size} is too large; allowed: up to {}",
                Size::LARGEST_ON_REQUEST
            )));
        }
        self.handle.resize(size);
        Ok(())
    }

    fn profiles(&self) -> Vec<(String, String)> {
        let settings = self.handle.settings();
        let listed = settings.profiles.into_iter().map(|p| (p.id, p.name));
        listed.collect()
    }

    fn active_profile(&self) -> String {
        self.handle.settings().active_profile().to_string()
    }

    fn activate_profile(&self, id: &str) -> Result<(), ShellError> {
        self.handle.activate_profile(id)?;
        super::profiles::refresh_offer(&self.handle);
        Ok(())
    }

    fn service_availability(&self) -> HashMap<String, bool> {
        self.ui.read(|state| {
            HashMap::from([
                ("vehicle".to_string(), state.vehicle_available()),
                ("media".to_string(), state.media.available()),
                ("navigation".to_string(), state.navigation.available),
                ("phone".to_string(), state.phone_available()),
            ])
        })
    }

    async fn save_screenshot(&self, path: String) -> Result<(), ShellError> {
        crate::window_loop::save_screenshot(&self.handle.window, path).await
    }
}

impl ShellService {
    /// A setting written over Shell1 goes the way one made by touch does.
    fn set_user(&self, key: &str, value: &str) {
        if let Err(err) = self.handle.set_user(key, value) {
            tracing::warn!("{err}");
        }
    }
}

/// Serves `org.opencabin.Shell1` on `bus`, reconnecting when the bus is lost, and signals
/// changes of its properties.
pub async fn serve(bus: BusChoice, handle: ShellHandle, ui: Arc<Shared>) {
    let observer = handle.published.clone();
    let last = Mutex::new(None);
    let phones = Arc::new(super::profiles::PhoneWatch::new(&handle));
    let watch = phones.clone();
    ui.on_change(move |state| {
        watch.observe(state);
        let availability = (
            state.vehicle_available(),
            state.media.available(),
            state.navigation.available,
            state.phone_available(),
        );
        if last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(availability)
            != Some(availability)
        {
            observer.ring();
        }
    });
    // What came before the observer did.
    ui.read(|state| phones.observe(state));
    let (name, path) = (shell::bus_name(), shell::object_path());
    loop {
        let service = Shell {
            backend: ShellService {
                handle: handle.clone(),
                ui: ui.clone(),
            },
            published: handle.published.clone(),
        };
        match bus
            .builder()
            .name(name)
            .serve_at(path, service)
            .build()
            .await
        {
            Ok(connection) => {
                tracing::info!("serving {name}");
                loop {
                    if let Err(err) = handle
                        .published
                        .publish::<Shell<ShellService>>(&connection, path, &[])
                        .await
                    {
                        tracing::warn!(%err, "cannot signal shell changes");
                        break;
                    }
                    handle.published.rung().await;
                }
            }
            Err(err) => tracing::debug!(%err, "cannot serve {name} yet"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}
