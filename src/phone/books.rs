//! The phone's phonebook and call history at start: the demo phonebook shipped in
//! `assets/phone/contacts.vcf` (Finnish, English and Chinese names, with pinyin) or a vCard file
//! given with `--contacts`, and the demo's recent calls from `assets/phone/recent.vcf`. A phone
//! paired over PBAP would deliver the same two vCard lists (docs/phone.md).

use anyhow::Context;

use super::Options;
use crate::config::files;
use crate::contract::phone::vcard::{self, Card};

const DEMO_CONTACTS: &str = include_str!("../../assets/phone/contacts.vcf");
const DEMO_RECENT: &str = include_str!("../../assets/phone/recent.vcf");
/// The most a phonebook file is read: room for thousands of contacts with photos.
const LIMIT: u64 = 32_000_000;

/// The contacts and recent calls; a file that does not parse is an error naming it and the line.
pub fn load(options: &Options) -> anyhow::Result<(Vec<Card>, Vec<Card>)> {
    let contacts = match &options.contacts {
        Some(path) => {
            let text = files::read_text(path, LIMIT)
                .with_context(|| format!("cannot read the phonebook {}", path.display()))?;
            vcard::parse(&text).map_err(|e| {
                anyhow::anyhow!("the phonebook {} is not vCard: {e}", path.display())
            })?
        }
        None => vcard::parse(DEMO_CONTACTS).expect("the demo phonebook parses"),
    };
    let recent = vcard::parse(DEMO_RECENT).expect("the demo call history parses");
    Ok((contacts, recent))
}
