//! What every request must pass before a handler sees it: a `Host` that names this server (so a
//! page on another site cannot reach it through DNS rebinding), an `Origin` equal to the page's
//! own on every write and WebSocket upgrade (no cross-site writes), and for the API a paired
//! phone's token (`Phone`).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;
use super::api::ApiError;

/// The host names and addresses a request's `Host` may give.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    listen: SocketAddr,
    /// Lower-case names besides IP literals: "localhost" on loopback, and those configured.
    names: Vec<String>,
}

impl AllowedHosts {
    pub fn new(listen: SocketAddr, names: &[String]) -> Self {
        let mut names: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        if listen.ip().is_loopback() {
            names.push("localhost".into());
        }
        AllowedHosts { listen, names }
    }

    /// Whether a `Host` header value names this server: its port, and its address (any address
    /// when listening on all of them; an address cannot be rebound, a name can) or an allowed
    /// name.
    pub fn allows(&self, host: &str) -> bool {
        let (name, port) = split_host(host);
        let port = match port {
            None => 80,
            Some(port) => match port.parse::<u16>() {
                Ok(port) => port,
                Err(_) => return false,
            },
        };
        if port != self.listen.port() {
            return false;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => self.listen.ip().is_unspecified() || ip == self.listen.ip(),
            Err(_) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                self.names.contains(&name)
            }
        }
    }
}

/// `name[:port]` or `[v6]:port` into the name (brackets removed) and the port text.
fn split_host(host: &str) -> (&str, Option<&str>) {
    if let Some(rest) = host.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((ip, tail)) => (ip, tail.strip_prefix(':')),
            None => (host, None),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Refuses a request whose `Host` is not this server (421), or a write or WebSocket upgrade
/// whose `Origin` is not the page's own (403).
pub async fn check_host_and_origin(
    State(app): State<App>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let Some(host) = header_text(headers, header::HOST).filter(|h| app.hosts.allows(h)) else {
        let error = ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "WrongHost",
            "this server does not serve that host name",
        );
        return error.into_response();
    };
    let upgrade =
        header_text(headers, header::UPGRADE).is_some_and(|u| u.eq_ignore_ascii_case("websocket"));
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD);
    if writes || upgrade {
        let own = format!("http://{host}");
        let origin = header_text(headers, header::ORIGIN);
        if !origin.is_some_and(|o| o.eq_ignore_ascii_case(&own)) {
            let message = format!("Origin must be the page's own, {own}");
            return ApiError::new(StatusCode::FORBIDDEN, "WrongOrigin", &message).into_response();
        }
    }
    next.run(request).await
}

/// A request from a paired phone: the id of the phone whose token its `Authorization: Bearer`
/// header carries. Any other request is refused with 401 before its body is read.
pub struct Phone(pub String);

impl FromRequestParts<App> for Phone {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let token = header_text(&parts.headers, header::AUTHORIZATION)
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match token.and_then(|token| app.handle.authorize(token)) {
            Some(id) => Ok(Phone(id)),
            None => {
                let error = ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "Unauthorized",
                    "pair this phone first: a paired phone's token is needed",
                );
                let mut response = error.into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    "Bearer".parse().expect("a header value"),
                );
                Err(response)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_servers_host_is_allowed() {
        let loopback = AllowedHosts::new("127.0.0.1:8480".parse().unwrap(), &[]);
        assert!(loopback.allows("127.0.0.1:8480"));
        assert!(loopback.allows("LOCALHOST:8480"));
        assert!(!loopback.allows("127.0.0.1:8481"));
        assert!(!loopback.allows("127.0.0.1"));
        assert!(!loopback.allows("evil.example:8480"), "a rebound name");
        assert!(!loopback.allows("10.0.0.2:8480"));
        let lan = AllowedHosts::new("0.0.0.0:80".parse().unwrap(), &["car.local".into()]);
        assert!(lan.allows("192.168.1.20"));
        assert!(lan.allows("car.local."));
        assert!(!lan.allows("car.example"));
        let v6 = AllowedHosts::new("[::1]:8480".parse().unwrap(), &[]);
        assert!(v6.allows("[::1]:8480"));
        assert!(!v6.allows("[::2]:8480"));
    }
}
