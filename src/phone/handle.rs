//! The running phone behind oFono's interfaces: the model under a lock, and a bell that asks the
//! service loop to announce what changed.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use tokio::sync::Notify;
use zbus::OwnedVariant;

use super::model::Phone;
use crate::contract::phone::vcard;
use crate::contract::phone::{OfonoRefusal, Part, PhoneBackend, PhoneCommand, Properties};

#[derive(Clone)]
pub struct PhoneHandle {
    phone: Arc<Mutex<Phone>>,
    changed: Arc<Notify>,
}

impl PhoneHandle {
    pub fn new(phone: Phone) -> Self {
        PhoneHandle {
            phone: Arc::new(Mutex::new(phone)),
            changed: Arc::new(Notify::new()),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Phone> {
        self.phone.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Resolves after the next change.
    pub async fn rung(&self) {
        self.changed.notified().await
    }

    fn ring(&self) {
        self.changed.notify_one();
    }
}

impl PhoneBackend for PhoneHandle {
    fn properties(&self, part: Part) -> Properties {
        self.lock().properties(part)
    }

    fn set_property(
        &self,
        part: Part,
        name: &str,
        value: OwnedVariant,
    ) -> Result<(), OfonoRefusal> {
        self.lock().set_property(part, name, value)?;
        self.ring();
        Ok(())
    }

    fn calls(&self) -> Vec<(u32, Properties)> {
        let phone = self.lock();
        phone
            .calls
            .live()
            .map(|(id, call)| (id, Phone::call_properties(call)))
            .collect()
    }

    fn call_properties(&self, id: u32) -> Result<Properties, OfonoRefusal> {
        let phone = self.lock();
        phone
            .calls
            .live()
            .find(|(at, _)| *at == id)
            .map(|(_, call)| Phone::call_properties(call))
            .ok_or_else(|| OfonoRefusal::NotFound(format!("call {id} has ended")))
    }

    fn apply(&self, command: PhoneCommand) -> Result<Option<u32>, OfonoRefusal> {
        let outcome = self.lock().apply(command, Instant::now())?;
        self.ring();
        Ok(outcome)
    }

    fn pull_all(&self, phonebook: &str) -> Result<String, OfonoRefusal> {
        let phone = self.lock();
        match phonebook {
            "pb" => Ok(vcard::write(&phone.contacts)),
            "cch" => Ok(vcard::write(&phone.recent)),
            other => Err(OfonoRefusal::InvalidArguments(format!(
                "phonebook {:?} is not \"pb\" (contacts) or \"cch\" (recent calls)",
                other.chars().take(24).collect::<String>()
            ))),
        }
    }
}
