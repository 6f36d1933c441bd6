//! The phone's contacts and recent calls as the UI shows them: read from the phone's vCards
//! (PBAP's "pb" and "cch"), found by any part of a name, Chinese names also by pinyin and
//! initials ("zhang", "zw", "zhangw"), or by digits of a number; a caller's name looked up
//! with the number normalised (`+358 40 …` is `040 …`).

use pinyin::ToPinyinMulti;

use crate::contract::phone::number::{comparable, same_number};
use crate::contract::phone::vcard::Card;

/// One contact of the phonebook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    pub name: String,
    /// (kind, number) as the phone wrote them, e.g. ("CELL", "+358 40 123 4567").
    pub numbers: Vec<(String, String)>,
    pub favourite: bool,
    /// The name lower-cased, for matching any part of it.
    lower: String,
    /// Readings of the name syllable by syllable (each with its alternatives), from the card's
    /// phonetic names and from the pinyin of its Chinese characters.
    readings: Vec<Vec<Vec<String>>>,
    /// Each number's digits as written and in international form, for finding it by digits.
    digits: Vec<String>,
}

/// A search as typed, normalised once for the whole phonebook.
struct Query {
    /// Trimmed and lower-cased: a part of a name.
    lower: String,
    /// Without spaces: a pinyin spelling or initials.
    squeezed: String,
    /// Its digits, when it is nothing but 3 or more digits (an optional `+` first).
    digits: Option<String>,
}

impl Query {
    fn new(text: &str) -> Self {
        let lower = text.trim().to_lowercase();
        let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        let digits: String = squeezed.chars().filter(char::is_ascii_digit).collect();
        let only_digits =
            digits.len() >= 3 && digits.len() == squeezed.trim_start_matches('+').len();
        Query {
            lower,
            squeezed,
            digits: only_digits.then_some(digits),
        }
    }
}

/// How a call in the history went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Dialed,
    Received,
    Missed,
}

/// One call of the phone's history, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentCall {
    /// The phone's name for the number, or "" (the UI then looks it up or shows the number).
    pub name: String,
    pub number: String,
    pub kind: CallKind,
    /// `YYYYMMDDTHHMMSS`, local time, as PBAP writes it.
    pub at: String,
}

/// Contacts and history, as last read from the phone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phonebook {
    pub contacts: Vec<Contact>,
    pub recents: Vec<RecentCall>,
}

impl Contact {
    pub fn from_card(card: &Card) -> Self {
        let name = if card.name.is_empty() {
            card.numbers
                .first()
                .map(|n| n.1.clone())
                .unwrap_or_default()
        } else {
            card.name.clone()
        };
        let mut readings = Vec::new();
        if !card.phonetic.is_empty() {
            let words = card.phonetic.split_whitespace();
            readings.push(words.map(|w| vec![w.to_lowercase()]).collect());
        }
        let han: Vec<Vec<String>> = name
            .as_str()
            .to_pinyin_multi()
            .flatten()
            .map(|multi| multi.into_iter().map(|p| p.plain().to_string()).collect())
            .collect();
        if !han.is_empty() {
            readings.push(han);
        }
        let digits = card
            .numbers
            .iter()
            .flat_map(|(_, n)| {
                [
                    n.chars().filter(char::is_ascii_digit).collect(),
                    comparable(n),
                ]
            })
            .collect();
        Contact {
            lower: name.to_lowercase(),
            name,
            digits,
            numbers: card.numbers.clone(),
            favourite: card.is_favourite(),
            readings,
        }
    }

    /// Whether `query` finds this contact: a part of the name, a pinyin spelling or initials of
    /// it (spaces ignored), or 3 or more digits of a number.
    pub fn matches(&self, query: &str) -> bool {
        self.found_by(&Query::new(query))
    }

    fn found_by(&self, query: &Query) -> bool {
        let spelled = |syllables: &Vec<Vec<String>>| {
            (0..syllables.len()).any(|at| spells(&syllables[at..], &query.squeezed))
        };
        query.lower.is_empty()
            || self.lower.contains(&query.lower)
            || self.readings.iter().any(spelled)
            || query
                .digits
                .as_ref()
                .is_some_and(|digits| self.digits.iter().any(|d| d.contains(digits)))
    }
}

/// Whether `query` spells the syllables from the first on: each one whole, or by its first
/// letter; the last one spelled may be cut short ("zhangw" and "zw" both spell 张伟).
fn spells(syllables: &[Vec<String>], query: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let Some((readings, rest)) = syllables.split_first() else {
        return false;
    };
    readings.iter().any(|reading| {
        reading.starts_with(query)
            || (query.starts_with(reading.as_str()) && spells(rest, &query[reading.len()..]))
            || (reading.chars().next() == query.chars().next()
                && spells(
                    rest,
                    &query[query.chars().next().map_or(0, char::len_utf8)..],
                ))
    })
}

impl Phonebook {
    /// The phonebook from the phone's contacts ("pb") and call history ("cch").
    pub fn from_cards(contacts: &[Card], history: &[Card]) -> Self {
        let recents = history
            .iter()
            .filter_map(|card| {
                let (kind, at) = card.call.as_ref()?;
                let kind = match kind.as_str() {
                    "DIALED" => CallKind::Dialed,
                    "MISSED" => CallKind::Missed,
                    _ => CallKind::Received,
                };
                Some(RecentCall {
                    name: card.name.clone(),
                    number: card
                        .numbers
                        .first()
                        .map(|n| n.1.clone())
                        .unwrap_or_default(),
                    kind,
                    at: at.clone(),
                })
            })
            .collect();
        Phonebook {
            contacts: contacts.iter().map(Contact::from_card).collect(),
            recents,
        }
    }

    /// The contact's name for `number`, if a contact has that number.
    pub fn name_for(&self, number: &str) -> Option<&str> {
        self.contacts
            .iter()
            .find(|c| c.numbers.iter().any(|(_, n)| same_number(n, number)))
            .map(|c| c.name.as_str())
    }

    /// A caller as shown: the phonebook's name for `number`, else the network's (`name`), else
    /// the number; "" for a withheld or unknown number (the UI says "Unknown number").
    pub fn caller(&self, number: &str, name: &str) -> String {
        match self.name_for(number) {
            Some(known) => known.to_string(),
            None if !name.is_empty() => name.to_string(),
            None if number == "withheld" => String::new(),
            None => number.to_string(),
        }
    }

    /// The contacts `query` finds, in the phonebook's order.
    pub fn search<'a>(&'a self, query: &str) -> impl Iterator<Item = &'a Contact> + 'a {
        let query = Query::new(query);
        self.contacts.iter().filter(move |c| c.found_by(&query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Phonebook {
        let text = include_str!("../../assets/phone/contacts.vcf");
        let history = include_str!("../../assets/phone/recent.vcf");
        let parse = crate::contract::phone::vcard::parse;
        Phonebook::from_cards(&parse(text).unwrap(), &parse(history).unwrap())
    }

    fn found(book: &Phonebook, query: &str) -> Vec<String> {
        book.search(query).map(|c| c.name.clone()).collect()
    }

    #[test]
    fn chinese_names_are_found_by_pinyin_initials_and_characters() {
        let book = book();
        assert_eq!(found(&book, "zhang"), ["张伟"]);
        assert_eq!(found(&book, "zw"), ["张伟"]);
        assert_eq!(found(&book, "Zhang W"), ["张伟"]);
        assert_eq!(found(&book, "wei"), ["张伟"]);
        assert_eq!(found(&book, "伟"), ["张伟"]);
        assert_eq!(found(&book, "wf"), ["王芳"]);
        assert!(found(&book, "zx").is_empty());
    }

    #[test]
    fn pinyin_comes_from_the_characters_when_the_card_has_no_phonetic_name() {
        let card = Card {
            name: "曾小明".into(),
            ..Card::default()
        };
        let contact = Contact::from_card(&card);
        assert!(contact.matches("xiaoming"));
        assert!(contact.matches("zxm"), "曾 read as zeng");
        assert!(contact.matches("cengx"), "and as ceng");
        assert!(!contact.matches("xmz"));
    }

    #[test]
    fn any_part_of_a_name_or_digits_of_a_number_find_a_contact() {
        let book = book();
        assert_eq!(found(&book, "virt"), ["Aino Virtanen"]);
        assert_eq!(found(&book, "son"), ["James Wilson", "Sarah Johnson"]);
        assert_eq!(found(&book, "7700"), ["James Wilson"]);
        assert!(found(&book, "40").is_empty(), "two digits are too few");
        assert_eq!(found(&book, "").len(), book.contacts.len());
    }

    #[test]
    fn callers_are_named_after_normalising_and_history_is_read() {
        let book = book();
        assert_eq!(book.name_for("+358401234567"), Some("Aino Virtanen"));
        assert_eq!(book.name_for("040 123 4567"), Some("Aino Virtanen"));
        assert_eq!(book.name_for("+358 40 345-6789"), Some("Emma Nieminen"));
        assert_eq!(book.name_for("+358405550199"), None);
        assert_eq!(book.caller("0456789012", ""), "李娜");
        assert_eq!(book.caller("+358405550199", "ACME"), "ACME");
        assert_eq!(book.caller("+358405550199", ""), "+358405550199");
        assert_eq!(book.caller("withheld", ""), "");
        assert_eq!(book.recents[0].kind, CallKind::Received);
        assert_eq!(book.recents[1].kind, CallKind::Missed);
        assert!(book.contacts.iter().filter(|c| c.favourite).count() >= 3);
    }
}
