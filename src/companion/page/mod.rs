//! The phone's page, embedded in the binary: one HTML file, its style and its script (no
//! framework), for a phone 360 px wide and up, in English and Chinese (the browser's language,
//! or the page's toggle).

pub const HTML: &str = include_str!("index.html");
pub const STYLE: &str = include_str!("style.css");
pub const SCRIPT: &str = include_str!("app.js");
