//! `opencabin phone-service`'s options.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct PhoneServiceArgs {
    /// A phonebook to serve instead of the demo's: vCard 3.0, as a phone's PBAP export.
    #[arg(long, value_name = "FILE.vcf")]
    pub contacts: Option<PathBuf>,
}

impl PhoneServiceArgs {
    pub fn options(self) -> opencabin::phone::Options {
        opencabin::phone::Options {
            contacts: self.contacts,
        }
    }
}
