//! Hostile HTTP requests for the companion's fuzzer, built as raw bytes from a seed (a client
//! library would refuse to send most of them): odd methods, paths that climb out of the page
//! (`..`, `%2e%2e`, absolute forms, 100 KB long), broken versions, wrong, missing or doubled
//! `Host` and `Origin`, forged, altered, truncated and expired credentials, 70 KB headers, 150
//! headers, bytes that are not text, lying `Content-Length`s, broken chunked bodies, WebSocket
//! upgrades, and bodies from well-formed writes to 1 MB, deep nesting and random bytes. None of
//! them carries the paired phone's token unaltered.

/// What the generator needs to know of the car.
pub struct Known {
    pub port: u16,
    /// The paired phone's token: sent only altered.
    pub token: String,
    /// A code and a secret that were offered and withdrawn.
    pub expired_code: String,
    pub expired_secret: String,
}

/// A small deterministic generator (xorshift64*), seeded by proptest.
pub struct Draw(u64);

impl Draw {
    pub fn new(seed: u64) -> Self {
        Draw(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// The paths anyone may read without a token.
pub const PUBLIC: [&str; 4] = ["/", "/pair", "/app.js", "/style.css"];

const METHODS: [&str; 10] = [
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE", "G\0T",
];

const PATHS: [&str; 27] = [
    "/",
    "/pair",
    "/app.js",
    "/style.css",
    "/api/state",
    "/api/lock",
    "/api/climate",
    "/api/places?q=cafe",
    "/api/places?q=%00%ff&q=",
    "/api/destination",
    "/api/pair",
    "/api/live",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "//etc/passwd",
    "/app.js/../../../etc/shadow",
    "/api/../../etc/passwd",
    "/%00",
    "/api/state%00.js",
    "/.env",
    "/companion.toml",
    "\\..\\..\\etc\\passwd",
    "*",
    "/api/state?token=0000",
    "/api/lock/",
    "/API/STATE",
];

/// A path: one of the above, the absolute form, 100 KB long, or random bytes.
fn path(draw: &mut Draw, port: u16) -> Vec<u8> {
    match draw.below(20) {
        0 => format!("http://127.0.0.1:{port}/api/state").into_bytes(),
        1 => format!("/{}", "a/".repeat(50_000)).into_bytes(),
        2 => {
            let mut path = b"/".to_vec();
            let len = 1 + draw.below(64);
            path.extend(draw.bytes(len));
            path
        }
        _ => draw.pick(&PATHS).as_bytes().to_vec(),
    }
}

/// A credential that is not the paired phone's token: forged, altered, cut, grown, or the
/// token in another scheme or case.
fn credential(draw: &mut Draw, token: &str) -> String {
    match draw.below(9) {
        0 => format!("Bearer {}", "0".repeat(token.len())),
        1 => {
            let mut altered: Vec<u8> = token.bytes().collect();
            let at = draw.below(altered.len());
            altered[at] = if altered[at] == b'a' { b'b' } else { b'a' };
            format!("Bearer {}", String::from_utf8_lossy(&altered))
        }
        2 => format!("Bearer {}", &token[..token.len() - 1]),
        3 => format!("Bearer {token}x"),
        4 => format!("Basic {token}"),
        5 => format!("Bearer {}", token.to_uppercase()),
        6 => "Bearer".to_string(),
        7 => format!("Bearer {}", "A".repeat(80_000)),
        _ => format!("bearer  {}", &token[1..]),
    }
}

/// A body: a write the API takes, the expired pairing's proofs, or garbage.
fn body(draw: &mut Draw, known: &Known) -> Vec<u8> {
    let code = &known.expired_code;
    let secret = &known.expired_secret;
    match draw.below(14) {
        0 => br#"{"locked": false}"#.to_vec(),
        1 => br#"{"locked": true}"#.to_vec(),
        2 => br#"{"target": 25.5}"#.to_vec(),
        3 => br#"{"target": 1e999}"#.to_vec(),
        4 => br#"{"target": "NaN", "locked": null}"#.to_vec(),
        5 => format!(r#"{{"code": "{code}", "name": "Mallory"}}"#).into_bytes(),
        6 => format!(r#"{{"secret": "{secret}", "name": "Mallory"}}"#).into_bytes(),
        7 => vec![b'a'; 1 << 20],
        8 => vec![b'['; 100_000],
        9 => {
            let len = 1 + draw.below(4096);
            draw.bytes(len)
        }
        10 => b"{\"name\": \"\xff\xfe\", \"code\": \"\xc0\xaf\"}".to_vec(),
        11 => {
            let keys: Vec<String> = (0..10_000).map(|n| format!("\"k{n}\": {n}")).collect();
            format!("{{{}}}", keys.join(",")).into_bytes()
        }
        12 => format!(r#"{{"code": "{code}"}}"#).into_bytes(),
        _ => Vec::new(),
    }
}

/// The API's paths, for the requests that are well-formed but for their credentials or body.
const API: [&str; 5] = [
    "/api/state",
    "/api/lock",
    "/api/climate",
    "/api/pair",
    "/api/live",
];

/// One hostile request, as the bytes sent on a fresh connection. Half are well-formed but for
/// their credentials and body (so that they reach the token's check and the handlers); the
/// other half are hostile in every part.
pub fn request(draw: &mut Draw, known: &Known) -> Vec<u8> {
    if draw.chance(50) {
        return well_formed(draw, known);
    }
    hostile(draw, known)
}

/// A request from the page's own origin to an API path, with an altered credential.
fn well_formed(draw: &mut Draw, known: &Known) -> Vec<u8> {
    let path = draw.pick(&API);
    let reads = matches!(path, "/api/state" | "/api/live");
    // Mostly the method the path takes, sometimes the other.
    let method = if reads != draw.chance(10) {
        "GET"
    } else {
        "POST"
    };
    let body = body(draw, known);
    let port = known.port;
    let mut out = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    )
    .into_bytes();
    if draw.chance(90) {
        out.extend(format!("Authorization: {}\r\n", credential(draw, &known.token)).bytes());
    }
    out.extend(b"\r\n");
    out.extend(body);
    out
}

/// A request hostile in any part.
fn hostile(draw: &mut Draw, known: &Known) -> Vec<u8> {
    let port = known.port;
    let mut out = Vec::new();
    let method = if draw.chance(5) {
        let len = 1 + draw.below(12);
        draw.bytes(len)
    } else {
        draw.pick(&METHODS).as_bytes().to_vec()
    };
    out.extend(method);
    out.push(b' ');
    out.extend(path(draw, port));
    out.push(b' ');
    let version = [
        "HTTP/1.1",
        "HTTP/1.0",
        "HTTP/2.0",
        "HTTP/0.9",
        "HTTPS/1.1",
        "",
    ];
    out.extend(
        if draw.chance(85) {
            "HTTP/1.1"
        } else {
            draw.pick(&version)
        }
        .bytes(),
    );
    out.extend(b"\r\n");
    let own = format!("127.0.0.1:{port}");
    let own_origin = format!("http://{own}");
    let mut headers: Vec<Vec<u8>> = Vec::new();
    let mut header = |line: String| headers.push(line.into_bytes());
    match draw.below(10) {
        0 => {}
        1 => header("Host: car.evil.example".into()),
        2 => {
            header(format!("Host: {own}"));
            header("Host: car.evil.example".into());
        }
        3 => header(format!("Host: {}", "h".repeat(10_000))),
        4 => header(format!("Host: localhost:{port}")),
        _ => header(format!("Host: {own}")),
    }
    match draw.below(6) {
        0 => {}
        1 => header("Origin: http://evil.example".into()),
        2 => header("Origin: null".into()),
        3 => {
            header(format!("Origin: {own_origin}"));
            header("Origin: http://evil.example".into());
        }
        _ => header(format!("Origin: {own_origin}")),
    }
    if draw.chance(80) {
        header(format!("Authorization: {}", credential(draw, &known.token)));
    }
    if draw.chance(60) {
        header("Content-Type: application/json".into());
    }
    if draw.chance(10) {
        header("Connection: Upgrade".into());
        header("Upgrade: websocket".into());
        header("Sec-WebSocket-Version: 13".into());
        header("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==".into());
    }
    let body = body(draw, known);
    let chunked = draw.chance(8);
    match draw.below(12) {
        0 => header("Content-Length: -1".into()),
        1 => header("Content-Length: 99999999999999999999".into()),
        2 => {
            header(format!("Content-Length: {}", body.len()));
            header(format!("Content-Length: {}", body.len() + 1));
        }
        3 => header(format!("Content-Length: {}", body.len() + 100)),
        4 => header(format!("Content-Length: {}", body.len() / 2)),
        _ if chunked => header("Transfer-Encoding: chunked".into()),
        _ => header(format!("Content-Length: {}", body.len())),
    }
    match draw.below(12) {
        0 => header(format!("X-Big: {}", "b".repeat(70_000))),
        1 => (0..150).for_each(|n| header(format!("X-Many-{n}: {n}"))),
        2 => header("Expect: 100-continue".into()),
        _ => {}
    }
    if draw.chance(5) {
        let mut odd = b"X-Bytes: ".to_vec();
        odd.extend(draw.bytes(16));
        headers.push(odd);
    }
    for line in headers {
        out.extend(line);
        out.extend(b"\r\n");
    }
    out.extend(b"\r\n");
    if chunked {
        out.extend(format!("{:x}\r\n", body.len() + draw.below(3)).bytes());
        out.extend(&body);
        out.extend(
            if draw.chance(50) {
                "\r\n0\r\n\r\n"
            } else {
                "\r\nzz\r\n"
            }
            .bytes(),
        );
    } else {
        out.extend(&body);
    }
    out
}
