//! The guide as a `NavigationBackend`: the shared `Guide`, the bell that asks the service loop
//! to publish, the queue of lines to hand to the car, and the places file saved on each change.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::mpsc::UnboundedSender;

use super::guide::{Guide, Handover};
use super::places;
use crate::contract::navigation::{
    Favourite, GuidanceState, NavigationBackend, NavigationCommand, NavigationRefusal, Place,
};
use crate::map::ATTRIBUTION;
use crate::publish::Published;

#[derive(Clone)]
pub struct GuideHandle {
    guide: Arc<Mutex<Guide>>,
    published: Published,
    handover: UnboundedSender<Handover>,
    /// Where favourites and recent destinations are saved; None when they must not be.
    places_file: Option<PathBuf>,
}

impl GuideHandle {
    pub fn new(
        guide: Guide,
        published: Published,
        handover: UnboundedSender<Handover>,
        places_file: Option<PathBuf>,
    ) -> Self {
        GuideHandle {
            guide: Arc::new(Mutex::new(guide)),
            published,
            handover,
            places_file,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Guide> {
        self.guide.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Asks for the line the car should drive now to be handed over again.
    pub fn hand_over(&self, line: Option<Handover>) {
        if let Some(line) = line {
            let _ = self.handover.send(line);
        }
    }

    /// Asks the service loop to publish.
    pub fn ring(&self) {
        self.published.ring();
    }

    fn save_places(&self) {
        let Some(path) = &self.places_file else {
            return;
        };
        let places = self.lock().places.clone();
        if let Err(err) = places::save(path, &places) {
            tracing::warn!(file = %path.display(), "cannot save the places: {err:#}");
        }
    }
}

impl NavigationBackend for GuideHandle {
    fn guidance(&self) -> GuidanceState {
        self.lock().guidance()
    }

    fn favourites(&self) -> Vec<Favourite> {
        self.lock().places.favourites.clone()
    }

    fn recent(&self) -> Vec<Place> {
        self.lock().places.recent.clone()
    }

    fn map(&self) -> (String, String) {
        (self.lock().map().name.clone(), ATTRIBUTION.to_string())
    }

    fn map_file(&self) -> Vec<u8> {
        self.lock().map().to_bytes()
    }

    fn search(&self, query: &str) -> Result<Vec<Place>, NavigationRefusal> {
        self.lock().search(query)
    }

    fn preview(&self, id: &str) -> Result<(f64, f64), NavigationRefusal> {
        self.lock().preview(id)
    }

    fn apply(&self, command: NavigationCommand) -> Result<(), NavigationRefusal> {
        let mut guide = self.lock();
        match command {
            NavigationCommand::SetDestination { id, sender } => {
                let line = guide.set_destination(&id, sender.as_deref())?;
                let sender = sender.unwrap_or_default();
                tracing::info!(destination = %id, %sender, "route set");
                drop(guide);
                self.hand_over(Some(line));
            }
            NavigationCommand::Cancel => {
                let line = guide.cancel();
                drop(guide);
                self.hand_over(line);
            }
            NavigationCommand::AddFavourite { label, id } => {
                guide.add_favourite(&label, &id)?;
                drop(guide);
            }
            NavigationCommand::RemoveFavourite(label) => {
                guide.remove_favourite(&label)?;
                drop(guide);
            }
        }
        self.save_places();
        self.published.ring();
        Ok(())
    }
}
