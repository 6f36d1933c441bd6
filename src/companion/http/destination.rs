//! The phone's destination: `GET /api/places?q=` searches the navigation service's places, and
//! `POST /api/destination` sends one, a place from the search or a `geo:` link, through
//! `Navigation1.SendDestination` or `SendPoint` with the phone's name as its sender, so the
//! navigation service's named errors come back to the page. The driving restrictions
//! (`contract::restrictions`, the rules the car's screen follows) are asked first.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use zbus::proxy::CacheProperties;

use super::App;
use super::api::ApiError;
use super::guard::Phone;
use crate::client::CallError;
use crate::contract::navigation::{GEO_URI_MOST, GeoPoint, NavigationProxy, Place};
use crate::contract::restrictions;

/// The longest search text taken, characters (the navigation service's own bound).
const QUERY_MOST: usize = 200;
/// The longest place id taken, characters (`street:NAME`, `place:N`, `geo:LAT,LON`).
const PLACE_ID_MOST: usize = 200;

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::new(rejection.status(), "BadRequest", &rejection.body_text())
    }
}

/// `text` if it is at most `most` characters; a named refusal otherwise.
fn bounded<'a>(field: &str, text: &'a str, most: usize) -> Result<&'a str, ApiError> {
    if text.chars().count() > most {
        let message = format!("{field}: at most {most} characters");
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "TooLong", &message));
    }
    Ok(text)
}

/// The navigation service, read without a property cache (each request reads what it needs).
async fn navigation(app: &App) -> Result<NavigationProxy<'static>, CallError> {
    Ok(NavigationProxy::builder(&app.connection)
        .cache_properties(CacheProperties::No)
        .build()
        .await?)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesQuery {
    #[serde(default)]
    q: String,
}

#[derive(Debug, Serialize)]
pub struct Places {
    query: String,
    /// Best match first: `{id, name, category, latitude, longitude, distance}` (m from the car).
    places: Vec<Place>,
}

/// `GET /api/places?q=words`: `Navigation1.Search`; an empty query finds nothing.
pub async fn places(
    State(app): State<App>,
    Phone(_): Phone,
    query: Result<Query<PlacesQuery>, QueryRejection>,
) -> Result<Json<Places>, ApiError> {
    let Query(PlacesQuery { q }) = query?;
    let query = bounded("q", q.trim(), QUERY_MOST)?.to_string();
    let places = if query.is_empty() {
        Vec::new()
    } else {
        navigation(&app)
            .await?
            .search(&query)
            .await
            .map_err(CallError::from)?
    };
    Ok(Json(Places { query, places }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DestinationRequest {
    place: Option<String>,
    geo: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Sent {
    /// The destination as navigation now guides to it.
    destination: Place,
    /// Who navigation says sent it: this phone's name.
    sender: String,
}

/// `POST /api/destination` `{"place": id}` or `{"geo": "geo:LAT,LON"}`: the car routes there
/// and shows it as sent from this phone.
pub async fn destination(
    State(app): State<App>,
    Phone(phone): Phone,
    body: Result<Json<DestinationRequest>, JsonRejection>,
) -> Result<Json<Sent>, ApiError> {
    let Json(request) = body?;
    let rules = restrictions::for_state(*app.driving.borrow());
    if !rules.destination_from_phone {
        let message = "a destination cannot be sent from the phone while the car moves";
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "NotAllowedWhileMoving",
            message,
        ));
    }
    let sender = app
        .handle
        .phone_name(&phone)
        .unwrap_or_else(|| "Phone".into());
    let proxy = navigation(&app).await?;
    match (request.place, request.geo) {
        (Some(id), None) => {
            let id = bounded("place", id.trim(), PLACE_ID_MOST)?;
            tracing::info!(%phone, destination = %id, "destination from the phone");
            proxy
                .send_destination(id, &sender)
                .await
                .map_err(CallError::from)?;
        }
        (None, Some(link)) => {
            let bad = |err: &dyn std::fmt::Display| {
                let message = format!("geo: {err}");
                ApiError::new(StatusCode::BAD_REQUEST, "InvalidGeoUri", &message)
            };
            let link = bounded("geo", link.trim(), GEO_URI_MOST)?;
            let point = GeoPoint::parse(link).map_err(|err| bad(&err))?;
            tracing::info!(%phone, %point, "point from the phone");
            proxy
                .send_point(point.latitude, point.longitude, &sender)
                .await
                .map_err(CallError::from)?;
        }
        _ => {
            let message = "give either \"place\" (an id from /api/places) or \"geo\" (a geo: link)";
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "BadRequest",
                message,
            ));
        }
    }
    let destination = proxy.destination().await.map_err(CallError::from)?;
    let sender = proxy.destination_sender().await.map_err(CallError::from)?;
    Ok(Json(Sent {
        destination,
        sender,
    }))
}
