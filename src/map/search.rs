//! Search over a map's streets and places: words and word prefixes, case and accents optional
//! ("lonnrotinkatu" finds "Lönnrotinkatu"), one typo forgiven in longer words, categories by
//! name in English or Chinese ("charging", "充电"), best match first and nearest among equals.

use std::collections::BTreeMap;

use super::geo::Point;
use super::model::{MapData, Place};
use crate::contract::navigation::Category;

/// A place a search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Stable within the map: `street:NAME` or `place:INDEX`.
    pub id: String,
    pub name: String,
    pub category: Category,
    pub at: Point,
    pub distance_m: f64,
}

/// At most this many results.
pub const MOST: usize = 20;

/// The words a category is searched by.
const CATEGORY_WORDS: &[(Category, &[&str])] = &[
    (
        Category::Charging,
        &[
            "charging",
            "charger",
            "charge",
            "ev",
            "充电",
            "充电站",
            "充电桩",
        ],
    ),
    (
        Category::Parking,
        &["parking", "park", "car park", "停车", "停车场"],
    ),
    (Category::Fuel, &["fuel", "petrol", "gas", "加油站"]),
    (Category::Cafe, &["cafe", "coffee", "咖啡", "咖啡馆"]),
    (
        Category::Restaurant,
        &["restaurant", "food", "bar", "pub", "餐厅", "饭店"],
    ),
    (Category::FastFood, &["fast food", "burger", "快餐"]),
    (Category::Hotel, &["hotel", "hostel", "酒店", "宾馆"]),
    (Category::Shop, &["shop", "shopping", "store", "商店"]),
    (Category::Pharmacy, &["pharmacy", "药店"]),
    (Category::Hospital, &["hospital", "clinic", "医院"]),
    (Category::Toilets, &["toilet", "toilets", "wc", "厕所"]),
    (
        Category::Sight,
        &["sight", "museum", "attraction", "景点", "博物馆"],
    ),
];

/// Lower case without accents, every run of other characters one space.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
            'ç' | 'č' | 'ć' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
            'ý' | 'ÿ' => "y",
            'š' | 'ś' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            c if c.is_alphanumeric() => {
                folded.push(c);
                continue;
            }
            _ => " ",
        };
        if plain != " " || !folded.ends_with(' ') {
            folded.push_str(plain);
        }
    }
    folded.trim().to_string()
}

/// Whether `a` and `b` differ by at most one insertion, deletion, substitution or swap of
/// neighbours.
fn one_typo(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let first = short.iter().zip(long).position(|(x, y)| x != y);
    let Some(i) = first else { return true };
    if short.len() == long.len() {
        let swapped = i + 1 < short.len()
            && short[i] == long[i + 1]
            && short[i + 1] == long[i]
            && short[i + 2..] == long[i + 2..];
        swapped || short[i + 1..] == long[i + 1..]
    } else {
        short[i..] == long[i + 1..]
    }
}

/// How well one query word matches one name word: 3 the same, 2 a prefix, 1 one typo away.
fn word_score(query: &str, word: &str) -> u32 {
    if query == word {
        return 3;
    }
    if query.chars().count() >= 2 && word.starts_with(query) {
        return 2;
    }
    let (q, w): (Vec<char>, Vec<char>) = (query.chars().collect(), word.chars().collect());
    // A typo in a prefix: "mannerhiem" for "mannerheimintie".
    let prefix: Vec<char> = w.iter().take(q.len()).copied().collect();
    if q.len() >= 4 && (one_typo(&q, &w) || one_typo(&q, &prefix)) {
        return 1;
    }
    0
}

/// How well `query` (folded) matches `name` (folded): every query word must match a word of
/// the name; 0 means no match.
fn score(query: &str, name: &str) -> u32 {
    if query == name {
        return 100;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let mut total = 0;
    for q in query.split(' ') {
        let best = words.iter().map(|w| word_score(q, w)).max().unwrap_or(0);
        if best == 0 {
            return 0;
        }
        total += best;
    }
    total
}

/// The categories `query` names.
fn categories(query: &str) -> Vec<Category> {
    CATEGORY_WORDS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| fold(w) == query))
        .map(|(category, _)| *category)
        .collect()
}

/// Streets and places matching `query`, best first and, among equals, nearest to `near` first.
pub fn search(map: &MapData, query: &str, near: Point) -> Vec<Found> {
    let query = fold(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u32, Found)> = Vec::new();
    // A street once, at its node nearest to the driver.
    let mut streets: BTreeMap<&str, Point> = BTreeMap::new();
    for road in map.roads.iter().filter(|r| !r.name.is_empty()) {
        for &n in &road.nodes {
            let at = map.nodes[n as usize];
            let entry = streets.entry(&road.name).or_insert(at);
            if at.distance_m(near) < entry.distance_m(near) {
                *entry = at;
            }
        }
    }
    for (name, at) in streets {
        let s = score(&query, &fold(name));
        if s > 0 {
            scored.push((
                s,
                found(format!("street:{name}"), name, Category::Street, at, near),
            ));
        }
    }
    let wanted = categories(&query);
    for (index, place) in map.places.iter().enumerate() {
        let s = if wanted.contains(&place.category) {
            50
        } else {
            score(&query, &fold(&place.name))
        };
        if s > 0 {
            let name = shown_name(place);
            let id = format!("place:{index}");
            scored.push((s, found(id, name, place.category, place.at, near)));
        }
    }
    scored.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then(a.distance_m.total_cmp(&b.distance_m)));
    scored.into_iter().take(MOST).map(|(_, f)| f).collect()
}

/// A place's name, or its category for an unnamed one (a charger, a car park).
fn shown_name(place: &Place) -> &str {
    if place.name.is_empty() {
        place.category.as_str()
    } else {
        &place.name
    }
}

fn found(id: String, name: &str, category: Category, at: Point, near: Point) -> Found {
    Found {
        id,
        name: name.to_string(),
        category,
        at,
        distance_m: at.distance_m(near),
    }
}

/// The place an id from `search` names, if the map has it.
pub fn resolve(map: &MapData, id: &str) -> Option<Found> {
    let centre = map.nodes.first().copied()?;
    if let Some(name) = id.strip_prefix("street:") {
        let road = map.roads.iter().find(|r| r.name == name)?;
        let at = map.nodes[road.nodes[road.nodes.len() / 2] as usize];
        return Some(found(id.to_string(), name, Category::Street, at, centre));
    }
    let index: usize = id.strip_prefix("place:")?.parse().ok()?;
    let place = map.places.get(index)?;
    let name = shown_name(place);
    Some(found(
        id.to_string(),
        name,
        place.category,
        place.at,
        centre,
    ))
}
