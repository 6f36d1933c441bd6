//! The companion's shared state: the pairing on offer, the paired phones and which page is
//! connected, behind one lock. Both sides use it: `Companion1` on the bus (the car's pairing
//! screen) and the HTTP API (the phone). Every change rings the bus side to publish.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::watch;

use super::pairing::{self, Pairing, Proof, Refused};
use super::store::{Store, StoredPhone};
use crate::contract::NotKnown;
use crate::contract::companion::{CompanionBackend, CompanionError, PairedPhone};
use crate::publish::Published;

/// The longest phone name kept, in characters.
const NAME_LIMIT: usize = 60;
/// A token's last use is written to disk when it moved by at least this much, in s.
const LAST_USE_SAVED_EVERY_S: i64 = 60;

/// UNIX time now, in s.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

struct Inner {
    pairing: Pairing,
    store: Store,
    /// Open live pages per phone id, and the phone whose page connected last.
    connections: HashMap<String, usize>,
    last_connected: String,
}

/// A phone that just paired: its token (given to it once, never stored) and id.
#[derive(Debug, Clone)]
pub struct NewPhone {
    pub id: String,
    pub token: String,
}

/// The shared state; cheap to clone.
#[derive(Clone)]
pub struct CompanionHandle {
    inner: Arc<Mutex<Inner>>,
    published: Published,
    /// The page's origin, e.g. `http://127.0.0.1:8480`: the pairing URL starts with it.
    origin: Arc<str>,
    /// Bumped when a phone is revoked, so that its live page closes.
    revoked: watch::Sender<u64>,
}

impl CompanionHandle {
    pub fn new(store: Store, origin: String, published: Published) -> Self {
        let inner = Inner {
            pairing: Pairing::default(),
            store,
            connections: HashMap::new(),
            last_connected: String::new(),
        };
        CompanionHandle {
            inner: Arc::new(Mutex::new(inner)),
            published,
            origin: origin.into(),
            revoked: watch::channel(0).0,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// When the offered pairing ends, if one is offered.
    pub fn pairing_deadline(&self) -> Option<i64> {
        self.lock().pairing.offered(unix_now()).map(|o| o.expires)
    }

    /// Pairs a phone named `name` that shows `proof`.
    pub fn pair(&self, proof: &Proof, name: &str) -> Result<NewPhone, Refused> {
        let now = unix_now();
        let mut inner = self.lock();
        let outcome = inner.pairing.attempt(proof, now);
        self.published.ring();
        outcome?;
        let phone = NewPhone {
            id: pairing::new_phone_id(),
            token: pairing::new_token(),
        };
        let name: String = name
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .take(NAME_LIMIT)
            .collect();
        inner.store.phones.push(StoredPhone {
            id: phone.id.clone(),
            name: if name.is_empty() {
                "Phone".into()
            } else {
                name
            },
            added_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            last_use: now,
            token_sha256: pairing::hex(&pairing::token_hash(&phone.token)),
        });
        if let Err(err) = inner.store.save() {
            tracing::warn!("the paired phone is kept until the companion stops: {err:#}");
        }
        tracing::info!(phone = %phone.id, "phone paired");
        Ok(phone)
    }

    /// The id of the phone whose token this is, noting its use; None for any other text.
    pub fn authorize(&self, token: &str) -> Option<String> {
        let hash = pairing::token_hash(token);
        let now = unix_now();
        let mut inner = self.lock();
        // Every stored hash is compared, so the time taken does not tell which one matched.
        let mut found = None;
        for (at, phone) in inner.store.phones.iter().enumerate() {
            let stored = decode_hash(&phone.token_sha256);
            if stored.is_some_and(|stored| pairing::same_hash(&stored, &hash)) {
                found = Some(at);
            }
        }
        let phone = &mut inner.store.phones[found?];
        let id = phone.id.clone();
        let save = now - phone.last_use >= LAST_USE_SAVED_EVERY_S;
        phone.last_use = now;
        if save {
            if let Err(err) = inner.store.save() {
                tracing::warn!("cannot save the last use of a phone: {err:#}");
            }
            self.published.ring();
        }
        Some(id)
    }

    /// The name phone `id` gave itself when it paired.
    pub fn phone_name(&self, id: &str) -> Option<String> {
        let inner = self.lock();
        let phone = inner.store.phones.iter().find(|p| p.id == id)?;
        Some(phone.name.clone())
    }

    /// Whether `id` is still paired.
    pub fn is_paired(&self, id: &str) -> bool {
        self.lock().store.phones.iter().any(|p| p.id == id)
    }

    /// A receiver that changes whenever a phone is revoked.
    pub fn revocations(&self) -> watch::Receiver<u64> {
        self.revoked.subscribe()
    }

    /// Notes that a live page of phone `id` opened (`true`) or closed.
    pub fn set_connected(&self, id: &str, open: bool) {
        let mut inner = self.lock();
        let count = inner.connections.entry(id.to_string()).or_default();
        if open {
            *count += 1;
            inner.last_connected = id.to_string();
        } else {
            *count = count.saturating_sub(1);
            if *count == 0 {
                inner.connections.remove(id);
                if inner.last_connected == id {
                    inner.last_connected =
                        inner.connections.keys().next().cloned().unwrap_or_default();
                }
            }
        }
        self.published.ring();
    }
}

fn decode_hash(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut hash = [0; 32];
    for (at, pair) in bytes.chunks(2).enumerate() {
        hash[at] = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(hash)
}

impl CompanionBackend for CompanionHandle {
    fn pairing_code(&self) -> String {
        let mut inner = self.lock();
        inner
            .pairing
            .offered(unix_now())
            .map(|o| o.code.clone())
            .unwrap_or_default()
    }

    fn pairing_url(&self) -> String {
        let mut inner = self.lock();
        inner
            .pairing
            .offered(unix_now())
            .map(|o| format!("{}/pair#{}", self.origin, o.secret))
            .unwrap_or_default()
    }

    fn pairing_expires(&self) -> i64 {
        self.pairing_deadline().unwrap_or(0)
    }

    fn paired_phones(&self) -> Vec<PairedPhone> {
        self.lock()
            .store
            .phones
            .iter()
            .map(StoredPhone::paired)
            .collect()
    }

    fn connected_phone(&self) -> String {
        self.lock().last_connected.clone()
    }

    fn start_pairing(&self) {
        self.lock().pairing.start(unix_now());
        tracing::info!("pairing offered");
        self.published.ring();
    }

    fn cancel_pairing(&self) {
        self.lock().pairing.cancel();
        self.published.ring();
    }

    fn revoke(&self, id: &str) -> Result<(), CompanionError> {
        let mut inner = self.lock();
        let Some(at) = inner.store.phones.iter().position(|p| p.id == id) else {
            let ids: Vec<String> = inner.store.phones.iter().map(|p| p.id.clone()).collect();
            return Err(NotKnown::new("phone", id, ids).into());
        };
        let phone = inner.store.phones.remove(at);
        let saved = inner.store.save();
        drop(inner);
        self.revoked.send_modify(|n| *n += 1);
        self.published.ring();
        tracing::info!(phone = %phone.id, "phone revoked");
        saved.map_err(|err| CompanionError::CannotWrite(format!("{err:#}")))
    }
}
