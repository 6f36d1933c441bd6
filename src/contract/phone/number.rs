//! Phone numbers: which ones oFono dials (src/common.c: `valid_ussd_string` refused first, then
//! `valid_long_phone_number_format`, an optional `+` and 1 to 80 of `0-9 * #`), and the one
//! comparison every front end uses to find a caller in the phonebook (spaces and dashes ignored,
//! `+358 40 …` equal to `040 …`).

use super::OfonoRefusal;

/// The longest number oFono dials, without the `+` (OFONO_MAX_PHONE_NUMBER_LENGTH is 20 for
/// short numbers, 80 for long ones; `Dial` takes long ones).
pub const MAX_DIGITS: usize = 80;

/// The car's home country calling code, for numbers written in national form (`040 …`).
pub const HOME_COUNTRY_CODE: &str = "358";

/// Whether oFono's `Dial` would take `number` for a USSD or supplementary-service code
/// (`valid_ussd_string`): ending in `#`, or 1-2 characters (but `1x` when no call exists).
fn looks_like_ussd(number: &str, calls_exist: bool) -> bool {
    number.ends_with('#')
        || (number.len() <= 2 && (calls_exist || !(number.len() == 2 && number.starts_with('1'))))
}

/// Ok if oFono would dial `number` (with or without other calls), else `InvalidFormat` saying
/// why.
pub fn check_dialable(number: &str, calls_exist: bool) -> Result<(), OfonoRefusal> {
    let digits = number.strip_prefix('+').unwrap_or(number);
    let shown = || {
        let mut text: String = number.chars().take(24).collect();
        if number.chars().count() > 24 {
            text.push('…');
        }
        text
    };
    if digits.is_empty() {
        return Err(OfonoRefusal::InvalidFormat(
            "the number is empty; give digits 0-9, * or #, with an optional leading +".into(),
        ));
    }
    if digits.len() > MAX_DIGITS {
        return Err(OfonoRefusal::InvalidFormat(format!(
            "\"{}\" has {} characters; at most {MAX_DIGITS} are dialled",
            shown(),
            digits.len()
        )));
    }
    if !number.is_empty() && looks_like_ussd(number, calls_exist) {
        return Err(OfonoRefusal::InvalidFormat(format!(
            "\"{}\" is a USSD or service code (ends in # or has 1-2 characters), not a number",
            shown()
        )));
    }
    if let Some(bad) = digits
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == '*' || *c == '#'))
    {
        return Err(OfonoRefusal::InvalidFormat(format!(
            "\"{}\" holds {bad:?}; a number is digits 0-9, * or #, with an optional leading + \
             (no spaces or dashes)",
            shown()
        )));
    }
    Ok(())
}

/// The number in one international form for comparing: only `+` and digits kept (spaces,
/// dashes, dots, brackets dropped), `00` read as `+`, and a national number (one leading `0`)
/// given the home country code. `*` and `#` codes are kept as written.
pub fn comparable(number: &str) -> String {
    let kept: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '+' | '*' | '#'))
        .collect();
    if kept.contains(['*', '#']) {
        return kept;
    }
    if let Some(rest) = kept.strip_prefix('+') {
        format!("+{rest}")
    } else if let Some(rest) = kept.strip_prefix("00") {
        format!("+{rest}")
    } else if let Some(rest) = kept.strip_prefix('0') {
        format!("+{HOME_COUNTRY_CODE}{rest}")
    } else {
        kept
    }
}

/// `number` as `Dial` takes it: spaces, dashes, dots and brackets dropped (a phonebook writes
/// "+358 40 123 4567", oFono dials "+358401234567"); a `+` kept only in front.
pub fn dialable_form(number: &str) -> String {
    let plus = number.trim_start().starts_with('+');
    let digits = number
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '*' | '#'));
    (if plus { "+" } else { "" })
        .chars()
        .chain(digits)
        .collect()
}

/// Whether two numbers reach the same phone, as far as their writing tells.
pub fn same_number(a: &str, b: &str) -> bool {
    let (a, b) = (comparable(a), comparable(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ofono_dials_digits_star_hash_and_a_leading_plus_only() {
        assert!(check_dialable("+358401234567", false).is_ok());
        assert!(check_dialable("112", false).is_ok());
        assert!(check_dialable("12", false).is_ok());
        for bad in ["", "+", "040 123", "040-123", "12a", "++1", "*100#", "5"] {
            assert!(
                matches!(
                    check_dialable(bad, false),
                    Err(OfonoRefusal::InvalidFormat(_))
                ),
                "{bad}"
            );
        }
        assert!(
            check_dialable("12", true).is_err(),
            "1x is a code during a call"
        );
        assert!(check_dialable(&"1".repeat(80), false).is_ok());
        assert!(check_dialable(&"1".repeat(81), false).is_err());
        let long = check_dialable(&"1".repeat(1 << 20), false)
            .unwrap_err()
            .to_string();
        assert!(long.len() < 200, "the message stays short: {long}");
    }

    #[test]
    fn national_and_international_forms_of_one_number_are_the_same() {
        assert!(same_number("+358 40 123 4567", "040-123 4567"));
        assert!(same_number("00358401234567", "+358401234567"));
        assert!(same_number("(040) 123.45.67", "0401234567"));
        assert!(!same_number("0401234567", "0401234568"));
        assert!(!same_number("+46401234567", "0401234567"));
        assert!(!same_number("", ""));
    }

    #[test]
    fn phonebook_numbers_become_what_dial_takes() {
        assert_eq!(dialable_form("+358 40 123 4567"), "+358401234567");
        assert_eq!(dialable_form("(09) 310-1691"), "093101691");
        assert!(check_dialable(&dialable_form("+44 7700 900123"), false).is_ok());
    }
}
