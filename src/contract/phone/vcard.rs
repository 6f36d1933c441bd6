//! vCard 3.0 (RFC 2426), the format PBAP delivers phonebooks and call history in: read with
//! folded lines and escapes, written back for `Phonebook1.PullAll`. Only what a car uses is kept:
//! the formatted name, the structured name, phonetic names, numbers, categories (a phone's
//! starred contacts come as `CATEGORIES:Favorites` or `Starred`) and a call's date.

use crate::contract::excerpt;

/// One vCard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Card {
    /// `FN`.
    pub name: String,
    /// `N` as written (family;given;...).
    pub structured: String,
    /// `X-PHONETIC-LAST-NAME` and `X-PHONETIC-FIRST-NAME` joined, e.g. "Zhang Wei" (pinyin).
    pub phonetic: String,
    /// `TEL` values with their `TYPE`, e.g. ("CELL", "+358401234567").
    pub numbers: Vec<(String, String)>,
    /// `CATEGORIES`, e.g. ["Favorites"].
    pub categories: Vec<String>,
    /// `X-IRMC-CALL-DATETIME`: the kind (DIALED, RECEIVED, MISSED) and `YYYYMMDDTHHMMSS`.
    pub call: Option<(String, String)>,
}

/// The cards in `text`; a card without `BEGIN`/`END` pairs or a name is an error naming its line.
pub fn parse(text: &str) -> Result<Vec<Card>, String> {
    let mut unfolded: Vec<(usize, String)> = Vec::new();
    for (at, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        match (line.strip_prefix([' ', '\t']), unfolded.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ if line.trim().is_empty() => {}
            _ => unfolded.push((at + 1, line.to_string())),
        }
    }
    let mut cards = Vec::new();
    let mut card: Option<Card> = None;
    let (mut last, mut first) = (String::new(), String::new());
    for (at, line) in unfolded {
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!("line {at}: no ':' in {:?}", excerpt(&line)));
        };
        let mut params = key.split(';');
        let name = params.next().unwrap_or("").to_ascii_uppercase();
        let params: Vec<String> = params.map(str::to_ascii_uppercase).collect();
        match (name.as_str(), card.as_mut()) {
            ("BEGIN", None) if value.eq_ignore_ascii_case("VCARD") => card = Some(Card::default()),
            ("END", Some(_)) if value.eq_ignore_ascii_case("VCARD") => {
                let mut done = card.take().expect("open");
                done.phonetic = [last.as_str(), first.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                (last, first) = (String::new(), String::new());
                if done.name.is_empty() && done.numbers.is_empty() {
                    return Err(format!("line {at}: a card with neither name nor number"));
                }
                cards.push(done);
            }
            ("BEGIN" | "END", _) => {
                return Err(format!("line {at}: unexpected {:?}", excerpt(&line)));
            }
            (_, None) => {
                return Err(format!(
                    "line {at}: {:?} outside BEGIN:VCARD",
                    excerpt(&line)
                ));
            }
            ("FN", Some(card)) => card.name = unescape(value),
            ("N", Some(card)) => card.structured = value.to_string(),
            ("X-PHONETIC-LAST-NAME", Some(_)) => last = unescape(value),
            ("X-PHONETIC-FIRST-NAME", Some(_)) => first = unescape(value),
            ("TEL", Some(card)) => {
                let kind = params
                    .iter()
                    .find_map(|p| p.strip_prefix("TYPE="))
                    .or(params.first().map(String::as_str))
                    .unwrap_or("VOICE");
                card.numbers
                    .push((kind.to_string(), value.trim().to_string()));
            }
            ("CATEGORIES", Some(card)) => {
                card.categories = split_list(value);
            }
            ("X-IRMC-CALL-DATETIME", Some(card)) => {
                let kind = params.first().cloned().unwrap_or_default();
                card.call = Some((kind, value.trim().to_string()));
            }
            _ => {}
        }
    }
    if card.is_some() {
        return Err("the last card has no END:VCARD".into());
    }
    Ok(cards)
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// A comma-separated vCard list, escaped commas kept inside a value.
fn split_list(value: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => items.last_mut().expect("one").extend(chars.next()),
            ',' => items.push(String::new()),
            c => items.last_mut().expect("one").push(c),
        }
    }
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

impl Card {
    /// Whether the phone marks the contact as a favourite (starred).
    pub fn is_favourite(&self) -> bool {
        self.categories.iter().any(|c| {
            ["favorites", "favourites", "favorite", "starred"].contains(&c.to_lowercase().as_str())
        })
    }
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

/// The cards as vCard 3.0 text, CRLF line ends as PBAP sends them.
pub fn write(cards: &[Card]) -> String {
    let mut out = String::new();
    for card in cards {
        out.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        out.push_str(&format!("FN:{}\r\n", escape(&card.name)));
        let structured = if card.structured.is_empty() {
            escape(&card.name)
        } else {
            card.structured.clone()
        };
        out.push_str(&format!("N:{structured}\r\n"));
        if let Some((last, first)) = card.phonetic.split_once(' ') {
            out.push_str(&format!("X-PHONETIC-LAST-NAME:{}\r\n", escape(last)));
            out.push_str(&format!("X-PHONETIC-FIRST-NAME:{}\r\n", escape(first)));
        }
        for (kind, number) in &card.numbers {
            out.push_str(&format!("TEL;TYPE={kind}:{number}\r\n"));
        }
        if !card.categories.is_empty() {
            let list: Vec<String> = card.categories.iter().map(|c| escape(c)).collect();
            out.push_str(&format!("CATEGORIES:{}\r\n", list.join(",")));
        }
        if let Some((kind, at)) = &card.call {
            out.push_str(&format!("X-IRMC-CALL-DATETIME;{kind}:{at}\r\n"));
        }
        out.push_str("END:VCARD\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_escaped_cards_read_and_write_back() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smith\\, Anna\r\nN:Smith;Anna;;;\r\n\
                    TEL;TYPE=CELL:+358 40\r\n 123 4567\r\nEND:VCARD\r\n\
                    BEGIN:VCARD\nVERSION:3.0\nFN:张伟\nN:张;伟;;;\nX-PHONETIC-LAST-NAME:Zhang\n\
                    X-PHONETIC-FIRST-NAME:Wei\nTEL;HOME:040-7654321\nCATEGORIES:Starred,Work\n\
                    END:VCARD\n";
        let cards = parse(text).unwrap();
        assert_eq!(cards[0].name, "Smith, Anna");
        assert_eq!(
            cards[0].numbers,
            [("CELL".into(), "+358 40123 4567".into())]
        );
        assert_eq!(cards[1].phonetic, "Zhang Wei");
        assert_eq!(cards[1].numbers[0].0, "HOME");
        assert!(cards[1].is_favourite() && !cards[0].is_favourite());
        assert_eq!(parse(&write(&cards)).unwrap(), cards);
    }

    #[test]
    fn broken_cards_are_errors_naming_the_line() {
        assert!(parse("FN:x\n").unwrap_err().contains("line 1"));
        assert!(
            parse("BEGIN:VCARD\nFN:x\n")
                .unwrap_err()
                .contains("END:VCARD")
        );
        assert!(
            parse("BEGIN:VCARD\nnonsense\nEND:VCARD\n")
                .unwrap_err()
                .contains("line 2")
        );
        assert_eq!(parse("").unwrap(), []);
    }
}
