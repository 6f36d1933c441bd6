//! `org.opencabin.Shell1`, served by the IVI window at `/org/opencabin/Shell1`: the page shown,
//! theme, language, the driver profiles, which services deliver live data, and screenshots of
//! the live window; and the enumerations of the UI's state and of the user's settings.

use std::collections::HashMap;
use std::future::Future;

use zbus::object_server::Interface;

use crate::publish::Published;

wire_enum!(
    /// A page of the IVI window.
    #[derive(Default)]
    pub enum Page("page") {
        #[default]
        Home = "home",
        Navigation = "navigation",
        Media = "media",
        Phone = "phone",
        Vehicle = "vehicle",
        Climate = "climate",
        Settings = "settings",
    }
);

wire_enum!(
    /// The colour theme the user chose: night, day, or by the clock (night from 19:00 to 07:00).
    #[derive(Default)]
    pub enum Theme("theme") { #[default] Night = "night", Day = "day", Auto = "auto" }
);

wire_enum!(
    /// The language of the UI.
    #[derive(Default)]
    pub enum Language("language") { #[default] En = "en", ZhCn = "zh-CN" }
);

wire_enum!(
    /// How distances and speeds are shown.
    #[derive(Default)]
    pub enum DistanceUnit("distance_unit") { #[default] Km = "km", Mi = "mi" }
);

wire_enum!(
    /// How temperatures are shown.
    #[derive(Default)]
    pub enum TemperatureUnit("temperature_unit") { #[default] Celsius = "C", Fahrenheit = "F" }
);

wire_enum!(
    /// How the clock is shown.
    #[derive(Default)]
    pub enum TimeFormat("time_format") { #[default] H24 = "24h", H12 = "12h" }
);

wire_enum!(
    /// A card of the home page, in the order the page shows them.
    pub enum HomeCard("home_cards") {
        Map = "map",
        Media = "media",
        Car = "car",
        Climate = "climate",
        Trip = "trip",
    }
);

/// Errors of `org.opencabin.Shell1`.
#[derive(Debug, zbus::DBusError)]
#[zbus(prefix = "org.opencabin.Shell1.Error")]
pub enum ShellError {
    #[zbus(error)]
    ZBus(zbus::Error),
    /// A page, theme, language or driver profile that does not exist.
    UnknownName(String),
    /// The screenshot could not be written.
    CannotWrite(String),
    /// A value outside what is allowed (a window size that is not WIDTHxHEIGHT).
    InvalidValue(String),
    /// The window is gone or cannot be captured.
    Failed(String),
}

impl From<crate::contract::NotKnown> for ShellError {
    fn from(err: crate::contract::NotKnown) -> Self {
        ShellError::UnknownName(err.to_string())
    }
}

/// The window behind `org.opencabin.Shell1`.
pub trait ShellBackend: Send + Sync + 'static {
    fn page(&self) -> Page;
    fn show_page(&self, page: Page);
    fn theme(&self) -> Theme;
    fn set_theme(&self, theme: Theme);
    fn language(&self) -> Language;
    fn set_language(&self, language: Language);
    /// Whether the window has live data from each service: keys "vehicle", "media",
    /// "navigation" and "phone".
    fn service_availability(&self) -> HashMap<String, bool>;
    /// The window's size as WIDTHxHEIGHT in logical pixels.
    fn window_size(&self) -> String;
    fn set_window_size(&self, size: &str) -> Result<(), ShellError>;
    /// The driver profiles as (id, name), the guest ("guest", "Guest") first.
    fn profiles(&self) -> Vec<(String, String)>;
    fn active_profile(&self) -> String;
    /// Makes `id` the active profile, with its settings; an unknown id changes nothing.
    fn activate_profile(&self, id: &str) -> Result<(), ShellError>;
    fn save_screenshot(&self, path: String) -> impl Future<Output = Result<(), ShellError>> + Send;
}

/// `org.opencabin.Shell1` over a backend.
pub struct Shell<B> {
    pub backend: B,
    pub published: Published,
}

impl<B> Shell<B> {
    /// Notes that zbus signalled `property` after a write.
    fn record(&self, property: &str, value: &str)
    where
        Self: Interface,
    {
        self.published.record(
            Self::name().as_str(),
            property,
            zbus::Variant::from(value.to_string()),
        );
    }
}

#[zbus::interface(
    name = "org.opencabin.Shell1",
    proxy(
        default_service = "org.opencabin.Shell1",
        default_path = "/org/opencabin/Shell1"
    )
)]
impl<B: ShellBackend> Shell<B> {
    /// The page shown: "home", "navigation", "media", "phone", "vehicle", "climate" or "settings".
    #[zbus(property)]
    fn current_page(&self) -> Page {
        self.backend.page()
    }

    /// Shows a page; an unknown page gets `org.opencabin.Shell1.Error.UnknownName`.
    fn show_page(&self, page: &str) -> Result<(), ShellError> {
        self.backend.show_page(Page::parse("page", page)?);
        Ok(())
    }

    /// "day", "night" or "auto" (night from 19:00 to 07:00); writable.
    #[zbus(property)]
    fn theme(&self) -> Theme {
        self.backend.theme()
    }

    #[zbus(property)]
    fn set_theme(&self, value: String) -> Result<(), ShellError> {
        let theme = Theme::parse("Theme", &value)?;
        self.record("Theme", &value);
        self.backend.set_theme(theme);
        Ok(())
    }

    /// "en" or "zh-CN"; writable.
    #[zbus(property)]
    fn language(&self) -> Language {
        self.backend.language()
    }

    #[zbus(property)]
    fn set_language(&self, value: String) -> Result<(), ShellError> {
        let language = Language::parse("Language", &value)?;
        self.record("Language", &value);
        self.backend.set_language(language);
        Ok(())
    }

    /// The window's size, "WIDTHxHEIGHT" in logical pixels; writable (the simulator panel's size
    /// buttons) up to 3840x2160: a size that is not one, or a larger one, gets
    /// `org.opencabin.Shell1.Error.InvalidValue`.
    #[zbus(property)]
    fn window_size(&self) -> String {
        self.backend.window_size()
    }

    #[zbus(property)]
    fn set_window_size(&self, value: String) -> Result<(), ShellError> {
        self.backend.set_window_size(&value)?;
        self.record("WindowSize", &value);
        Ok(())
    }

    /// The driver profiles, `a(ss)` of (id, name): the guest ("guest", "Guest") first, then one
    /// per paired phone (its id and name) or profile file found.
    #[zbus(property)]
    fn profiles(&self) -> Vec<(String, String)> {
        self.backend.profiles()
    }

    /// The active profile's id, "guest" or a paired phone's id; the car's settings (`Theme`,
    /// `Language`, units, clock, brightness, home cards) are its.
    #[zbus(property)]
    fn active_profile(&self) -> String {
        self.backend.active_profile()
    }

    /// Makes profile `id` (one of `Profiles`) the active one and applies its settings; an id
    /// that is not one gets `org.opencabin.Shell1.Error.UnknownName` and changes nothing.
    fn activate_profile(&self, id: &str) -> Result<(), ShellError> {
        self.backend.activate_profile(id)
    }

    /// Whether the UI has live data from each service: keys "vehicle", "media", "navigation" and
    /// "phone".
    #[zbus(property)]
    fn service_availability(&self) -> HashMap<String, bool> {
        self.backend.service_availability()
    }

    /// Writes a PNG of the live window to `path`: an absolute path ending in `.png` inside the
    /// temporary directory (`$TMPDIR`, else `/tmp`) or the state directory systemd gives the
    /// window (`$STATE_DIRECTORY`: `/var/lib/opencabin-ui` in the kiosk), not a symbolic link;
    /// any other path, or one that cannot be written, gets `org.opencabin.Shell1.Error.CannotWrite`.
    async fn save_screenshot(&self, path: &str) -> Result<(), ShellError> {
        self.backend.save_screenshot(path.to_string()).await
    }
}

/// The Shell1 service's well-known bus name, `org.opencabin.Shell1`.
pub fn bus_name() -> &'static str {
    crate::contract::destination_of::<ShellProxy<'_>>()
}

/// Shell1's object path, `/org/opencabin/Shell1`.
pub fn object_path() -> &'static str {
    crate::contract::path_of::<ShellProxy<'_>>()
}
