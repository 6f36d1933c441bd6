//! `CompanionAdapter`: the car's pairing screen (the offered pairing as a QR code and a code, the
//! paired phones), and the driver's pairing requests. The QR code is drawn here, once per offer.

use chrono::{DateTime, FixedOffset, Local};
use qrcode::{Color, EcLevel, QrCode};
use slint::{ComponentHandle, Image, ModelRc, Rgb8Pixel, SharedPixelBuffer, VecModel};

use crate::client::companion::{CompanionState, Request};
use crate::ui::{AppWindow, CompanionAdapter, PairedPhoneEntry};
use crate::views::{Parts, UiState};

/// Light modules around the code, as the QR standard asks of readers.
const QUIET_ZONE: usize = 4;

/// Shows the companion's offer and phones when they changed.
pub fn show(window: &AppWindow, state: &UiState, parts: Parts) {
    if !parts.contains(Parts::COMPANION) {
        return;
    }
    let adapter = window.global::<CompanionAdapter>();
    let companion = &state.companion;
    adapter.set_available(companion.available);
    let offer = if companion.available {
        &companion.view
    } else {
        &CompanionState::default()
    };
    let code = grouped(&offer.code);
    if code != adapter.get_code().as_str() {
        // A new offer opens the sheet (the driver asked for it, here or over the bus).
        if adapter.get_code().is_empty() && !code.is_empty() {
            adapter.set_open(true);
        }
        adapter.set_qr(qr_image(&offer.url).unwrap_or_default());
        adapter.set_address(address_of(&offer.url).into());
        adapter.set_code(code.into());
    }
    let now = state
        .fixed_clock
        .unwrap_or_else(|| Local::now().fixed_offset());
    let left = (offer.expires - now.timestamp()).clamp(0, i64::from(i32::MAX));
    adapter.set_seconds_left(if offer.code.is_empty() {
        0
    } else {
        left as i32
    });
    let phones: Vec<PairedPhoneEntry> = offer
        .phones
        .iter()
        .map(|phone| PairedPhoneEntry {
            id: phone.id.as_str().into(),
            name: phone.name.as_str().into(),
            last_used: when(phone.last_use, now).into(),
            connected: phone.id == offer.connected,
        })
        .collect();
    adapter.set_phones(ModelRc::new(VecModel::from(phones)));
}

/// Connects the pairing screen's callbacks to `send`.
pub fn wire(window: &AppWindow, send: impl Fn(Request) + Clone + 'static) {
    let adapter = window.global::<CompanionAdapter>();
    let s = send.clone();
    adapter.on_start_pairing(move || s(Request::StartPairing));
    let s = send.clone();
    adapter.on_cancel_pairing(move || s(Request::CancelPairing));
    adapter.on_revoke(move |id| send(Request::Revoke(id.into())));
}

/// "123456" as "123 456", easier to read off a screen and type.
fn grouped(code: &str) -> String {
    if code.len() == 6 && code.is_ascii() {
        format!("{} {}", &code[..3], &code[3..])
    } else {
        code.to_string()
    }
}

/// `host:port` of the page's URL, for typing; empty for none.
fn address_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A time of last use, in the clock's time zone: the time of day if it was today, else the
/// date; "—" for never.
fn when(unix: i64, now: DateTime<FixedOffset>) -> String {
    let Some(then) = DateTime::from_timestamp(unix, 0).filter(|_| unix > 0) else {
        return "—".into();
    };
    let then = then.with_timezone(&now.timezone());
    if then.date_naive() == now.date_naive() {
        then.format("%H:%M").to_string()
    } else {
        then.format("%Y-%m-%d").to_string()
    }
}

/// `text` as a QR code, one pixel per module with the quiet zone (shown pixelated); None for
/// no text or text too long for a QR code.
fn qr_image(text: &str) -> Option<Image> {
    if text.is_empty() {
        return None;
    }
    let code = QrCode::with_error_correction_level(text, EcLevel::M).ok()?;
    let modules = code.width();
    let side = modules + 2 * QUIET_ZONE;
    let mut buffer = SharedPixelBuffer::<Rgb8Pixel>::new(side as u32, side as u32);
    let pixels = buffer.make_mut_slice();
    pixels.fill(Rgb8Pixel::new(255, 255, 255));
    for (n, colour) in code.to_colors().iter().enumerate() {
        if *colour == Color::Dark {
            let (x, y) = (n % modules + QUIET_ZONE, n / modules + QUIET_ZONE);
            pixels[y * side + x] = Rgb8Pixel::new(0, 0, 0);
        }
    }
    Some(Image::from_rgb8(buffer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_grouped_in_threes_and_the_address_has_no_secret() {
        assert_eq!(grouped("042917"), "042 917");
        assert_eq!(grouped(""), "");
        assert_eq!(
            address_of("http://192.168.1.20:8480/pair#s3cr3t"),
            "192.168.1.20:8480"
        );
        assert_eq!(address_of(""), "");
    }

    #[test]
    fn a_qr_code_has_its_quiet_zone_and_no_text_has_none() {
        let image = qr_image("http://127.0.0.1:8480/pair#abcdefghijklmnopqrstuvwxyz012345")
            .expect("a QR code");
        let size = image.size();
        assert_eq!(size.width, size.height);
        // Version 4 or so: 33 modules and more, plus 4 light ones each side.
        assert!(size.width >= 33 + 8, "{size:?}");
        assert!(qr_image("").is_none());
    }

    #[test]
    fn last_use_is_a_time_today_and_a_date_before() {
        let now = DateTime::parse_from_rfc3339("2026-12-02T09:41:00+02:00").unwrap();
        let unix = now.timestamp();
        assert_eq!(when(0, now), "—");
        assert_eq!(when(unix - 3600, now), "08:41");
        assert_eq!(when(unix - 10 * 3600, now), "2026-12-01");
    }
}
