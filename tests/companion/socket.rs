//! The phone page's side of `/api/live`, for the companion's tests and the soak: open the
//! WebSocket from an origin, send the token, read the pushed states.

#![allow(dead_code)] // shared by several test files, each using its own part

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

pub type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens `/api/live` on `port` from `origin`.
pub async fn open(port: u16, origin: &str) -> Result<Socket, String> {
    let url = format!("ws://127.0.0.1:{port}/api/live");
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", origin.parse().unwrap());
    match connect_async(request).await {
        Ok((socket, _)) => Ok(socket),
        Err(err) => Err(err.to_string()),
    }
}

/// The next message within `wait`: Some(Ok(state as JSON)), Some(Err(close code)), or None
/// when nothing came.
pub async fn next_within(
    socket: &mut Socket,
    wait: Duration,
) -> Option<Result<serde_json::Value, u16>> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let message = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()?
            .expect("the socket is open")
            .expect("a message");
        match message {
            Message::Text(text) => return Some(Ok(serde_json::from_str(text.as_str()).unwrap())),
            Message::Close(frame) => return Some(Err(frame.map_or(0, |f| u16::from(f.code)))),
            _ => {}
        }
    }
}

/// The next message within 5 s: a state as JSON, or the close code.
pub async fn next(socket: &mut Socket) -> Result<serde_json::Value, u16> {
    next_within(socket, Duration::from_secs(5))
        .await
        .expect("a message within 5 s")
}

/// Sends the token, the first message the page sends.
pub async fn hello(socket: &mut Socket, token: &str) {
    let text = serde_json::json!({ "token": token }).to_string();
    socket.send(Message::text(text)).await.unwrap();
}
