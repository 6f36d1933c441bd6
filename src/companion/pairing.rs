//! Pairing a phone, as plain rules tested without a network: the one-time secret (for the QR
//! code) and the 6-digit code (for typing), both from the OS's random source; their expiry
//! after 2 minutes, at their first use or after 10 failed attempts in all; and the long random
//! tokens a paired phone then sends, kept only as SHA-256 hashes and compared in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How long an offered pairing lasts, in s.
pub const LIFETIME_S: i64 = 120;
/// Failed attempts (wrong secret or code, in all) that end an offered pairing.
pub const MAX_FAILURES: u32 = 10;

/// `N` bytes from the operating system's random source.
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes
}

/// `bytes` as lower-case hex digits.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new phone id: 16 hex digits.
pub fn new_phone_id() -> String {
    hex(&random_bytes::<8>())
}

/// A new token for a paired phone: 32 random bytes as 64 hex digits.
pub fn new_token() -> String {
    hex(&random_bytes::<32>())
}

/// The SHA-256 of a token, as stored on the car.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Whether two hashes are equal, in time independent of where they differ.
pub fn same_hash(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.ct_eq(b).into()
}

/// Whether two texts are equal, in time independent of where they differ (their lengths,
/// which are fixed for secrets and codes, may show).
fn same_text(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// A uniformly random 6-digit code, `000000` to `999999`.
fn new_code() -> String {
    // Rejection sampling: values at or above the largest multiple of 10^6 would favour low codes.
    const LIMIT: u32 = u32::MAX - u32::MAX % 1_000_000;
    loop {
        let value = u32::from_le_bytes(random_bytes::<4>());
        if value < LIMIT {
            return format!("{:06}", value % 1_000_000);
        }
    }
}

/// What a phone shows to pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    /// The secret from the QR code's URL.
    Secret(String),
    /// The 6-digit code the car shows.
    Code(String),
}

/// Why a pairing attempt was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("no pairing is offered: start one on the car's screen")]
    NotOffered,
    #[error("the pairing secret or code is wrong ({left} attempts left)")]
    Wrong { left: u32 },
    #[error(
        "the pairing secret or code is wrong; too many attempts: start a new pairing on the car"
    )]
    TooManyAttempts,
}

/// A pairing on offer.
#[derive(Debug, Clone)]
pub struct Offer {
    /// 16 random bytes as 32 hex digits: what the QR code's URL carries after `#`.
    pub secret: String,
    pub code: String,
    /// UNIX time in s when it ends.
    pub expires: i64,
    failures: u32,
}

/// The pairing offered now, if any.
#[derive(Debug, Default)]
pub struct Pairing {
    offer: Option<Offer>,
}

impl Pairing {
    /// Offers a new pairing at `now` (UNIX s), replacing any offered before.
    pub fn start(&mut self, now: i64) {
        self.offer = Some(Offer {
            secret: hex(&random_bytes::<16>()),
            code: new_code(),
            expires: now + LIFETIME_S,
            failures: 0,
        });
    }

    pub fn cancel(&mut self) {
        self.offer = None;
    }

    /// The offer still valid at `now`; an expired one is dropped.
    pub fn offered(&mut self, now: i64) -> Option<&Offer> {
        if self
            .offer
            .as_ref()
            .is_some_and(|offer| now >= offer.expires)
        {
            self.offer = None;
        }
        self.offer.as_ref()
    }

    /// Checks `proof` at `now`: a right one uses the offer up; a wrong one counts against it.
    pub fn attempt(&mut self, proof: &Proof, now: i64) -> Result<(), Refused> {
        self.offered(now).ok_or(Refused::NotOffered)?;
        let offer = self.offer.as_mut().ok_or(Refused::NotOffered)?;
        let right = match proof {
            Proof::Secret(secret) => same_text(secret, &offer.secret),
            Proof::Code(code) => same_text(code, &offer.code),
        };
        if right {
            self.offer = None;
            return Ok(());
        }
        offer.failures += 1;
        if offer.failures >= MAX_FAILURES {
            self.offer = None;
            return Err(Refused::TooManyAttempts);
        }
        Err(Refused::Wrong {
            left: MAX_FAILURES - offer.failures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn offered() -> (Pairing, Offer) {
        let mut pairing = Pairing::default();
        pairing.start(NOW);
        let offer = pairing.offered(NOW).unwrap().clone();
        (pairing, offer)
    }

    #[test]
    fn a_secret_or_code_pairs_once() {
        let (mut pairing, offer) = offered();
        assert_eq!(offer.code.len(), 6);
        assert!(offer.code.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(offer.secret.len(), 32);
        assert_eq!(
            pairing.attempt(&Proof::Code(offer.code.clone()), NOW + 5),
            Ok(())
        );
        assert_eq!(
            pairing.attempt(&Proof::Code(offer.code), NOW + 6),
            Err(Refused::NotOffered)
        );
        let (mut pairing, offer) = offered();
        assert_eq!(
            pairing.attempt(&Proof::Secret(offer.secret.clone()), NOW),
            Ok(())
        );
        assert!(pairing.offered(NOW).is_none());
    }

    #[test]
    fn an_offer_expires_after_two_minutes() {
        let (mut pairing, offer) = offered();
        assert_eq!(offer.expires, NOW + 120);
        assert!(pairing.offered(NOW + 119).is_some());
        assert_eq!(
            pairing.attempt(&Proof::Secret(offer.secret), NOW + 120),
            Err(Refused::NotOffered)
        );
    }

    #[test]
    fn ten_wrong_attempts_in_all_end_the_offer() {
        let (mut pairing, offer) = offered();
        let wrong_code = if offer.code == "000000" {
            "000001"
        } else {
            "000000"
        };
        for n in 1..MAX_FAILURES {
            let proof = if n % 2 == 0 {
                Proof::Code(wrong_code.into())
            } else {
                Proof::Secret("f".repeat(32))
            };
            assert_eq!(
                pairing.attempt(&proof, NOW),
                Err(Refused::Wrong {
                    left: MAX_FAILURES - n
                })
            );
        }
        assert_eq!(
            pairing.attempt(&Proof::Code(wrong_code.into()), NOW),
            Err(Refused::TooManyAttempts)
        );
        assert_eq!(
            pairing.attempt(&Proof::Code(offer.code), NOW),
            Err(Refused::NotOffered),
            "the right code no longer pairs"
        );
    }

    #[test]
    fn tokens_are_long_random_and_kept_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same_hash(&token_hash(&a), &token_hash(&a)));
        assert!(!same_hash(&token_hash(&a), &token_hash(&b)));
        assert_eq!(
            hex(&token_hash("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
