//! The JSON API a paired phone uses: pairing, the car's state, locking and the cabin's target
//! temperature (the destination and media have files of their own). Writes go through the vehicle's
//! own D-Bus setters (`client::send_vehicle`), so the service's named errors come back to the phone
//! as `{"error": name, "message": ...}`.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::guard::Phone;
use super::{App, Snapshot};
use crate::client::{CallError, send_vehicle};
use crate::companion::pairing::{Proof, Refused};
use crate::contract::vehicle::Command;

/// A refusal: its HTTP status and the JSON body `{"error": name, "message": ...}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

#[derive(Debug, Serialize)]
struct ErrorBody {
    error: String,
    message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &str, message: &str) -> Self {
        let body = ErrorBody {
            error: error.into(),
            message: message.into(),
        };
        ApiError { status, body }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    /// A body over the limit is 413; one that is not the JSON asked for is 400 (or 415).
    fn from(rejection: JsonRejection) -> Self {
        ApiError::new(rejection.status(), "BadRequest", &rejection.body_text())
    }
}

impl From<CallError> for ApiError {
    /// The vehicle's refusal: 409 when the car's state does not allow it now, 503 when the
    /// service is not there, 400 for a value it does not take.
    fn from(err: CallError) -> Self {
        let status = match err.name.rsplit('.').next().unwrap_or_default() {
            "NotAllowed" | "NotAllowedWhileMoving" => StatusCode::CONFLICT,
            "ServiceUnknown" | "NameHasNoOwner" | "NoReply" | "Disconnected" => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError::new(status, &err.name, &err.message)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairRequest {
    secret: Option<String>,
    code: Option<String>,
    name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Paired {
    token: String,
    id: String,
}

/// `POST /api/pair`: `{"secret": ...}` or `{"code": ...}`, and `{"name": ...}`.
pub async fn pair(
    State(app): State<App>,
    body: Result<Json<PairRequest>, JsonRejection>,
) -> Result<Json<Paired>, ApiError> {
    let Json(request) = body?;
    let proof = match (request.secret, request.code) {
        (Some(secret), None) => Proof::Secret(secret),
        (None, Some(code)) => Proof::Code(code),
        _ => {
            let message = "give either \"secret\" or \"code\"";
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "BadRequest",
                message,
            ));
        }
    };
    let name = request.name.unwrap_or_default();
    match app.handle.pair(&proof, &name) {
        Ok(phone) => Ok(Json(Paired {
            token: phone.token,
            id: phone.id,
        })),
        Err(refused) => {
            let status = match refused {
                Refused::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
                Refused::NotOffered | Refused::Wrong { .. } => StatusCode::FORBIDDEN,
            };
            Err(ApiError::new(
                status,
                "PairingRefused",
                &refused.to_string(),
            ))
        }
    }
}

/// `GET /api/state`: the car and what is playing, as the page shows them.
pub async fn state(State(app): State<App>, Phone(_): Phone) -> Json<Snapshot> {
    Json(app.snapshot())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockRequest {
    locked: bool,
}

/// `POST /api/lock` `{"locked": bool}`: `Body.Locked`, as the car's own button sets it.
pub async fn lock(
    State(app): State<App>,
    Phone(phone): Phone,
    body: Result<Json<LockRequest>, JsonRejection>,
) -> Result<Json<Snapshot>, ApiError> {
    let Json(request) = body?;
    tracing::info!(%phone, locked = request.locked, "lock from the phone");
    send_vehicle(&app.connection, Command::SetLocked(request.locked)).await?;
    Ok(Json(app.snapshot()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClimateRequest {
    target: Option<f64>,
    preconditioning: Option<bool>,
}

/// `POST /api/climate` `{"target": °C, "preconditioning": bool}` (either or both; the target
/// first): `Climate.DriverTargetTemperature` and `Climate.Preconditioning`.
pub async fn climate(
    State(app): State<App>,
    Phone(phone): Phone,
    body: Result<Json<ClimateRequest>, JsonRejection>,
) -> Result<Json<Snapshot>, ApiError> {
    let Json(request) = body?;
    if request.target.is_none() && request.preconditioning.is_none() {
        let message = "give \"target\" (°C), \"preconditioning\" (true or false), or both";
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            message,
        ));
    }
    if let Some(target) = request.target {
        tracing::info!(%phone, target, "cabin target from the phone");
        send_vehicle(&app.connection, Command::SetDriverTarget(target)).await?;
    }
    if let Some(on) = request.preconditioning {
        tracing::info!(%phone, on, "preconditioning from the phone");
        send_vehicle(&app.connection, Command::SetPreconditioning(on)).await?;
    }
    Ok(Json(app.snapshot()))
}
