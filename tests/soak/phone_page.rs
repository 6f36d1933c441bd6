//! The driver's phone in the soak: a paired companion page that holds its live WebSocket open
//! for the whole run, counting the states pushed and keeping the last one.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::socket::{hello, next_within, open};

pub struct PhonePage {
    latest: Arc<Mutex<Option<serde_json::Value>>>,
    pushed: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl PhonePage {
    /// Opens the page's socket on `port` from `origin` with the paired phone's `token`.
    pub fn open(port: u16, origin: String, token: String) -> PhonePage {
        let latest = Arc::new(Mutex::new(None));
        let pushed = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (latest_in, pushed_in, stop_in) = (latest.clone(), pushed.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let mut socket = open(port, &origin).await.expect("the live page opens");
                hello(&mut socket, &token).await;
                while !stop_in.load(Ordering::Relaxed) {
                    match next_within(&mut socket, Duration::from_millis(500)).await {
                        Some(Ok(state)) => {
                            pushed_in.fetch_add(1, Ordering::Relaxed);
                            *latest_in.lock().unwrap() = Some(state);
                        }
                        Some(Err(code)) => panic!("the companion closed the live page: {code}"),
                        None => {}
                    }
                }
            });
        });
        PhonePage {
            latest,
            pushed,
            stop,
            thread,
        }
    }

    /// The last state pushed.
    pub fn latest(&self) -> Option<serde_json::Value> {
        self.latest.lock().unwrap().clone()
    }

    /// How many states were pushed.
    pub fn pushed(&self) -> usize {
        self.pushed.load(Ordering::Relaxed)
    }

    /// Closes the page; fails if its socket failed.
    pub fn close(self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
