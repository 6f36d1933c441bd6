//! User text quoted in an error message, cut short: one line of a hostile file may be megabytes.

/// The most characters of user text an error quotes.
const QUOTED: usize = 60;

/// `text` as an error quotes it: its first 60 characters, and "…" when it is longer.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(QUOTED) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        assert_eq!(excerpt("0,0"), "0,0");
        let long = "城".repeat(1000);
        assert_eq!(excerpt(&long), format!("{}…", "城".repeat(60)));
        assert_eq!(excerpt(&"x".repeat(60)), "x".repeat(60));
    }
}
