//! Hostile values for a D-Bus signature: NaN and infinities, integer extremes, empty and 1 MB
//! strings, path tricks, deep and long containers, and, most of the time, the words the service
//! itself documents or answered with (so that sequences reach past the first check).

use zbus::{Array, Dict, ObjectPath, Signature, Structure, Variant as Value};

/// A small deterministic generator (SplitMix64), seeded from proptest's case.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The words and object paths a run has collected: documented names, allowed names quoted by
/// errors, strings and paths from replies.
#[derive(Default)]
pub struct Pool {
    pub words: Vec<String>,
    pub paths: Vec<String>,
}

const POOL_LIMIT: usize = 4000;

impl Pool {
    pub fn add_word(&mut self, word: &str) {
        if !word.is_empty()
            && word.len() <= 200
            && self.words.len() < POOL_LIMIT
            && !self.words.iter().any(|w| w == word)
        {
            self.words.push(word.to_string());
        }
    }

    pub fn add_path(&mut self, path: &str) {
        if self.paths.len() < POOL_LIMIT && !self.paths.iter().any(|p| p == path) {
            self.paths.push(path.to_string());
        }
    }

    /// Collects the words an error message says are allowed ("...; allowed: a, b, c").
    pub fn learn_from_error(&mut self, message: &str) {
        if let Some((_, allowed)) = message.split_once("allowed: ") {
            for word in allowed
                .split([',', ' '])
                .map(|w| w.trim_matches(['"', '.', ';']))
            {
                self.add_word(word);
            }
        }
    }

    /// Collects the strings and object paths in a reply.
    pub fn learn_from_value(&mut self, value: &Value<'_>) {
        match value {
            Value::Str(s) => self.add_word(s.as_str()),
            Value::ObjectPath(p) => self.add_path(p.as_str()),
            Value::Variant(v) => self.learn_from_value(v),
            Value::Array(a) => a.inner().iter().for_each(|v| self.learn_from_value(v)),
            Value::Dict(d) => d.iter().for_each(|(k, v)| {
                self.learn_from_value(k);
                self.learn_from_value(v);
            }),
            Value::Structure(s) => s.fields().iter().for_each(|v| self.learn_from_value(v)),
            _ => {}
        }
    }
}

const TRICKY_STRINGS: &[&str] = &[
    "../../../../etc/passwd",
    "/etc/passwd",
    "file:///etc/shadow",
    "%s%s%n",
    "$(touch /tmp/opencabin-fuzz-pwned)",
    "; rm -rf /",
    "\u{202e}evil",
    "深圳市南山区",
    "😀🚗",
    " ",
    "-1",
    "NaN",
    "1e309",
    "99999999999999999999999",
    "+",
    "geo:91,181",
    "tel:+358401234567",
    "+358401234567",
    "0401234567",
    "112",
];

/// A value of type `signature`, hostile or plausible.
pub fn value(rng: &mut Rng, pool: &Pool, signature: &Signature, depth: u32) -> Value<'static> {
    let r = rng.next();
    match signature {
        Signature::U8 => Value::U8(*rng.pick(&[0, 1, 3, 7, 8, 100, u8::MAX, r as u8])),
        Signature::Bool => Value::Bool(rng.chance(50)),
        Signature::I16 => Value::I16(*rng.pick(&[0, -1, i16::MIN, i16::MAX, r as i16])),
        Signature::U16 => Value::U16(*rng.pick(&[0, 1, 250, u16::MAX, r as u16])),
        Signature::I32 => Value::I32(integer(rng) as i32),
        Signature::U32 => Value::U32(integer(rng) as u32),
        Signature::I64 => Value::I64(integer(rng)),
        Signature::U64 => Value::U64(integer(rng) as u64),
        Signature::F64 => Value::F64(float(rng)),
        Signature::Str => Value::from(string(rng, pool, depth)),
        Signature::Signature => {
            let text = *rng.pick(&["", "s", "a{sv}", "(ii)", "v", "aaaai"]);
            Value::Signature(Signature::try_from(text).expect("a signature"))
        }
        Signature::ObjectPath => Value::ObjectPath(object_path(rng, pool)),
        Signature::Variant => {
            let inner = any_signature(rng, depth);
            Value::Variant(Box::new(value(rng, pool, &inner, depth + 1)))
        }
        Signature::Array(element) => {
            let mut array = Array::new(element.signature());
            for _ in 0..length(rng, depth) {
                let element = value(rng, pool, element.signature(), depth + 1);
                array
                    .append(element)
                    .expect("an element of the array's type");
            }
            Value::Array(array)
        }
        Signature::Dict { key, value: item } => {
            let mut dict = Dict::new(key.signature(), item.signature());
            for _ in 0..length(rng, depth) {
                let k = value(rng, pool, key.signature(), depth + 1);
                let v = value(rng, pool, item.signature(), depth + 1);
                dict.append(k, v).expect("an entry of the dict's types");
            }
            Value::Dict(dict)
        }
        Signature::Structure(fields) => {
            let mut builder = Structure::builder();
            for field in fields.iter() {
                builder.push_value(value(rng, pool, field, depth + 1));
            }
            Value::Structure(builder.build().expect("a structure"))
        }
        other => panic!("the fuzzer has no values for {other}"),
    }
}

fn integer(rng: &mut Rng) -> i64 {
    match rng.below(6) {
        0 => *rng.pick(&[
            i64::MIN,
            i64::MAX,
            i32::MIN as i64,
            i32::MAX as i64,
            u32::MAX as i64,
        ]),
        1 => -1,
        2 => 0,
        3 => rng.next() as i64,
        _ => rng.below(120) as i64,
    }
}

fn float(rng: &mut Rng) -> f64 {
    match rng.below(8) {
        0 => *rng.pick(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -f64::NAN]),
        1 => *rng.pick(&[f64::MAX, f64::MIN, f64::MIN_POSITIVE, -0.0, 1e-300, 5e-324]),
        2 => f64::from_bits(rng.next()),
        3 => -(rng.below(1000) as f64) / 10.0,
        _ => rng.below(3000) as f64 / 10.0,
    }
}

/// A string; 1 MB ones only as arguments, not inside containers (where a long array of them
/// would pass the bus's message size limit, and the bus would disconnect the fuzzer).
fn string(rng: &mut Rng, pool: &Pool, depth: u32) -> String {
    match rng.below(100) {
        0..=49 if !pool.words.is_empty() => rng.pick(&pool.words).clone(),
        0..=59 => String::new(),
        60 if depth == 0 => "x".repeat(1 << 20),
        60..=64 => "深".repeat(1 + rng.below(if depth == 0 { 5000 } else { 20 })),
        65..=79 => rng.pick(TRICKY_STRINGS).to_string(),
        80..=84 if !pool.paths.is_empty() => rng.pick(&pool.paths).clone(),
        _ => (0..rng.below(24))
            .map(|_| char::from_u32(1 + rng.below(0x2FFF) as u32).unwrap_or('?'))
            .collect(),
    }
}

fn object_path(rng: &mut Rng, pool: &Pool) -> ObjectPath<'static> {
    let text = match rng.below(10) {
        0..=5 if !pool.paths.is_empty() => rng.pick(&pool.paths).clone(),
        0..=6 => format!("/org/opencabin/nothing/n{}", rng.below(1000)),
        7 => "/".to_string(),
        _ => format!("/{}", "a/".repeat(1 + rng.below(300)).trim_end_matches('/')),
    };
    ObjectPath::try_from(text).expect("a valid object path")
}

fn length(rng: &mut Rng, depth: u32) -> usize {
    match rng.below(50) {
        0 if depth == 0 => 5_000,
        1..=10 => 0,
        _ => rng.below(6),
    }
}

/// A random signature for a variant's content or a wrongly typed argument.
pub fn any_signature(rng: &mut Rng, depth: u32) -> Signature {
    let basic = ["y", "b", "n", "q", "i", "u", "x", "t", "d", "s", "o", "g"];
    let text = if depth > 2 || rng.chance(70) {
        rng.pick(&basic).to_string()
    } else {
        rng.pick(&[
            "as", "a{sv}", "(sd)", "av", "a{ss}", "ad", "a(sssx)", "a{sb}",
        ])
        .to_string()
    };
    Signature::try_from(text.as_str()).expect("a signature")
}
