//! A D-Bus client written by hand on a Unix socket: it authenticates, says Hello, adds a match
//! rule, reads the two replies and then never reads again. A zbus connection cannot play this
//! part honestly (its own task keeps reading the socket into its queues); this one leaves every
//! byte the bus sends it in the kernel and then in the daemon.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;

/// The misbehaving subscriber: connected, subscribed, never reading.
pub struct RawClient {
    _socket: UnixStream,
    /// The unique name the bus gave it (`:1.N`).
    pub unique_name: String,
}

const METHOD_RETURN: u8 = 2;
const ERROR: u8 = 3;

/// Connects to the first `unix:path=` or `unix:abstract=` of a D-Bus address.
fn connect(address: &str) -> UnixStream {
    let first = address.split(';').next().unwrap_or_default();
    let params = first.strip_prefix("unix:").expect("a unix: address");
    for param in params.split(',') {
        assert!(!param.contains('%'), "an escaped address: {address}");
        if let Some(path) = param.strip_prefix("path=") {
            return UnixStream::connect(path).expect("the bus socket accepts");
        }
        if let Some(name) = param.strip_prefix("abstract=") {
            use std::os::linux::net::SocketAddrExt;
            let at = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())
                .expect("an abstract socket name");
            return UnixStream::connect_addr(&at).expect("the bus socket accepts");
        }
    }
    panic!("no socket in the address {address}");
}

impl RawClient {
    /// Connects to the bus at `address`, subscribes with `rule` and stops reading.
    pub fn subscribe(address: &str, rule: &str) -> RawClient {
        let mut socket = connect(address);
        // SASL EXTERNAL: the uid in decimal, hex-encoded.
        // SAFETY: getuid cannot fail.
        let uid = unsafe { libc::getuid() }.to_string();
        let hex: String = uid.bytes().map(|b| format!("{b:02x}")).collect();
        socket
            .write_all(format!("\0AUTH EXTERNAL {hex}\r\n").as_bytes())
            .unwrap();
        let answer = read_line(&mut socket);
        assert!(answer.starts_with("OK "), "the bus accepts us: {answer}");
        socket.write_all(b"BEGIN\r\n").unwrap();
        send_to_bus(&mut socket, "Hello", &());
        send_to_bus(&mut socket, "AddMatch", &(rule,));
        // The replies come in order: Hello's (our name), then AddMatch's; signals may come between.
        let hello = read_reply(&mut socket);
        let length = u32::from_le_bytes(hello[..4].try_into().unwrap()) as usize;
        let unique_name = String::from_utf8(hello[4..4 + length].to_vec()).unwrap();
        read_reply(&mut socket);
        RawClient {
            _socket: socket,
            unique_name,
        }
    }
}

/// Sends a method call to the bus itself, serialised by zbus (little-endian).
fn send_to_bus<B>(socket: &mut UnixStream, member: &str, body: &B)
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    let message = zbus::Message::method_call("/org/freedesktop/DBus", member)
        .destination("org.freedesktop.DBus")
        .interface("org.freedesktop.DBus")
        .build(body)
        .expect("a valid call");
    socket.write_all(message.data()).unwrap();
}

/// A line of the authentication exchange, without its CRLF.
fn read_line(socket: &mut UnixStream) -> String {
    let mut line = Vec::new();
    let mut byte = [0u8];
    while !line.ends_with(b"\r\n") {
        socket.read_exact(&mut byte).expect("the bus answers");
        line.push(byte[0]);
    }
    String::from_utf8_lossy(&line[..line.len() - 2]).to_string()
}

/// Reads messages until a method return, and gives its body; an error reply fails the test.
fn read_reply(socket: &mut UnixStream) -> Vec<u8> {
    loop {
        let mut fixed = [0u8; 16];
        socket
            .read_exact(&mut fixed)
            .expect("a message from the bus");
        assert_eq!(
            fixed[0], b'l',
            "the daemon answers little-endian messages alike"
        );
        let number = |at: usize| u32::from_le_bytes(fixed[at..at + 4].try_into().unwrap());
        let (body_length, fields_length) = (number(4) as usize, number(12) as usize);
        let mut rest = vec![0u8; fields_length.div_ceil(8) * 8 + body_length];
        socket.read_exact(&mut rest).expect("the whole message");
        let body = rest.split_off(rest.len() - body_length);
        match fixed[1] {
            METHOD_RETURN => return body,
            ERROR => panic!("the bus refused: {}", String::from_utf8_lossy(&body)),
            _ => {} // a signal (NameAcquired, or one the rule already matches)
        }
    }
}
