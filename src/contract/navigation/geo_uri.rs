//! A point on the earth as a `geo:` URI (RFC 5870), e.g. `geo:60.1699,24.9384`: parsed from
//! what a phone shares, and written as the id navigation gives a destination set by
//! coordinates. WGS 84 only; an altitude, `u=` and other parameters are allowed and ignored.

use std::fmt;

/// The longest `geo:` text taken, in bytes (a point needs about 30).
pub const GEO_URI_MOST: usize = 200;

/// A latitude and longitude in degrees (WGS 84), each within its range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoPoint {
    pub latitude: f64,
    pub longitude: f64,
}

/// Why a text is not a `geo:` point we can use; the message says what was wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoUriError {
    #[error("a geo: link is at most {GEO_URI_MOST} characters")]
    TooLong,
    #[error("not a geo: link; expected e.g. geo:60.1699,24.9384")]
    NotGeo,
    #[error("a geo: link holds latitude,longitude in degrees, e.g. geo:60.1699,24.9384; got {0:?}")]
    BadCoordinates(String),
    #[error("latitude {0} is out of range; allowed: -90 to 90")]
    LatitudeOutOfRange(f64),
    #[error("longitude {0} is out of range; allowed: -180 to 180")]
    LongitudeOutOfRange(f64),
    #[error("crs={0:?} is not supported; allowed: wgs84")]
    UnsupportedCrs(String),
    #[error("a geo: link with a search (q=) names no point; search for the place instead")]
    Search,
}

/// A number as RFC 5870 writes one: `[-]digits[.digits]`.
fn number(text: &str) -> Option<f64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(whole) && all_digits(fraction) {
        text.parse().ok()
    } else {
        None
    }
}

impl GeoPoint {
    /// A point, if both coordinates are finite and within range.
    pub fn new(latitude: f64, longitude: f64) -> Result<GeoPoint, GeoUriError> {
        if !(-90.0..=90.0).contains(&latitude) {
            return Err(GeoUriError::LatitudeOutOfRange(latitude));
        }
        if !(-180.0..=180.0).contains(&longitude) {
            return Err(GeoUriError::LongitudeOutOfRange(longitude));
        }
        Ok(GeoPoint {
            latitude,
            longitude,
        })
    }

    /// Reads a `geo:` URI (the scheme and parameter names in any case). Android's `?z=` zoom is
    /// ignored; its `?q=` search is refused, since it names no point.
    pub fn parse(text: &str) -> Result<GeoPoint, GeoUriError> {
        if text.len() > GEO_URI_MOST {
            return Err(GeoUriError::TooLong);
        }
        let scheme = text.get(..4).filter(|s| s.eq_ignore_ascii_case("geo:"));
        let Some(path) = scheme.and(text.get(4..)) else {
            return Err(GeoUriError::NotGeo);
        };
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        if query
            .split('&')
            .any(|pair| pair.to_ascii_lowercase().starts_with("q="))
        {
            return Err(GeoUriError::Search);
        }
        let mut parts = path.split(';');
        let coordinates = parts.next().unwrap_or_default();
        for parameter in parts {
            let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
            if name.eq_ignore_ascii_case("crs") && !value.eq_ignore_ascii_case("wgs84") {
                return Err(GeoUriError::UnsupportedCrs(value.to_string()));
            }
        }
        let numbers: Vec<Option<f64>> = coordinates.split(',').map(number).collect();
        match numbers[..] {
            [Some(latitude), Some(longitude)] | [Some(latitude), Some(longitude), Some(_)] => {
                GeoPoint::new(latitude, longitude)
            }
            _ => Err(GeoUriError::BadCoordinates(coordinates.to_string())),
        }
    }

    /// The point as a `geo:` URI with 5 decimals (about 1 m), e.g. `geo:60.16990,24.93840`.
    pub fn to_uri(self) -> String {
        format!("geo:{:.5},{:.5}", self.latitude, self.longitude)
    }
}

impl fmt::Display for GeoPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_uri())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_read_as_rfc_5870_writes_them() {
        let helsinki = GeoPoint::new(60.1699, 24.9384).unwrap();
        assert_eq!(GeoPoint::parse("geo:60.1699,24.9384"), Ok(helsinki));
        assert_eq!(GeoPoint::parse("GEO:60.1699,24.9384,12.5"), Ok(helsinki));
        assert_eq!(
            GeoPoint::parse("geo:60.1699,24.9384;crs=WGS84;u=35"),
            Ok(helsinki)
        );
        assert_eq!(GeoPoint::parse("geo:60.1699,24.9384?z=17"), Ok(helsinki));
        assert_eq!(helsinki.to_uri(), "geo:60.16990,24.93840");
        assert_eq!(GeoPoint::parse(&helsinki.to_uri()), Ok(helsinki));
        assert_eq!(GeoPoint::parse("geo:-33,-70").unwrap().latitude, -33.0);
    }

    #[test]
    fn anything_else_is_refused_by_name() {
        use GeoUriError::*;
        let refused = |text: &str| GeoPoint::parse(text).unwrap_err();
        assert_eq!(refused("https://maps.example/?ll=60,24"), NotGeo);
        assert_eq!(refused("geo"), NotGeo);
        assert_eq!(refused("geo:60.1699"), BadCoordinates("60.1699".into()));
        assert_eq!(
            refused("geo:60.1699, 24.9"),
            BadCoordinates("60.1699, 24.9".into())
        );
        assert!(matches!(refused("geo:1e3,2"), BadCoordinates(_)));
        assert!(matches!(refused("geo:NaN,inf"), BadCoordinates(_)));
        assert!(matches!(refused("geo:60.,24"), BadCoordinates(_)));
        assert_eq!(refused("geo:91,24"), LatitudeOutOfRange(91.0));
        assert_eq!(refused("geo:60,-180.5"), LongitudeOutOfRange(-180.5));
        assert_eq!(refused("geo:60,24;crs=utm"), UnsupportedCrs("utm".into()));
        assert_eq!(refused("geo:0,0?q=Kamppi"), Search);
        assert_eq!(
            refused(&format!("geo:60,24;p={}", "x".repeat(300))),
            TooLong
        );
        assert!(GeoPoint::new(f64::NAN, 0.0).is_err());
    }
}
