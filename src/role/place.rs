//! Where a job is: a role's `location` read as places ("Leeds or remote (UK)"
//! is Leeds, and remote within the UK), and which places a region holds, so
//! that a search for a city finds a role that is remote within its country.
//! Pure text to types; the listing's Location filter is built on it.

use std::fmt;

/// One place a role can be done from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// A named city, region or country, as written ("Leeds", "UK").
    Named(String),
    /// Remote work, within a region when one is given ("UK"), else anywhere.
    Remote(Option<String>),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Named(name) => f.write_str(name),
            Place::Remote(Some(region)) => write!(f, "Remote ({region})"),
            Place::Remote(None) => f.write_str("Remote"),
        }
    }
}

/// How a role's places answer a wanted place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceMatch {
    /// The role names the place (or a place in it): the card shows why.
    Named,
    /// The role is remote within a region that holds the place: the card
    /// should say so, with this label ("Remote (UK)").
    RemoteWithin(String),
}

/// Regions and the places in them, for matching a city against a role that is
/// remote within a region. Written as data: extend it as the catalogue needs.
/// Names compare without case.
pub const REGIONS: &[(&str, &[&str])] = &[
    (
        "UK",
        &[
            "London",
            "Leeds",
            "Manchester",
            "Bristol",
            "Cardiff",
            "Swansea",
            "Edinburgh",
            "Glasgow",
            "Aberdeen",
            "Belfast",
            "Birmingham",
            "Liverpool",
            "Newcastle",
            "Sheffield",
            "Nottingham",
            "Brighton",
            "Cambridge",
            "Oxford",
            "Reading",
            "York",
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
            "South East",
            "North West",
        ],
    ),
    ("Scotland", &["Edinburgh", "Glasgow", "Aberdeen", "Dundee"]),
    ("Wales", &["Cardiff", "Swansea"]),
    (
        "US",
        &[
            "New York",
            "San Francisco",
            "Washington, DC",
            "Chicago",
            "Boston",
            "Seattle",
            "Austin",
            "Los Angeles",
        ],
    ),
];

/// Other spellings of a region, to the name [`REGIONS`] uses.
const REGION_ALIASES: &[(&str, &str)] = &[
    ("UNITED KINGDOM", "UK"),
    ("GB", "UK"),
    ("GREAT BRITAIN", "UK"),
    ("US", "US"),
    ("USA", "US"),
    ("UNITED STATES", "US"),
];

/// Words around "remote" that say nothing about where.
const REMOTE_WORDS: &[&str] = &[
    "remote", "remotely", "fully", "100%", "virtual", "anywhere", "in", "the", "within", "from",
    "first", "only", "-", "–", "working",
];

/// The places a location names. Places are separated by `;` when there is
/// one (so "Washington, DC; Chicago, IL" keeps its commas), else by commas,
/// `&`, `/`, " and ", " or ". A part that mentions remote work is a
/// [`Place::Remote`], within the region it names; a trailing clause ("with
/// hybrid working") and parenthesised notes on a named place are dropped.
pub fn places(location: &str) -> Vec<Place> {
    let mut found: Vec<Place> = Vec::new();
    for part in split_parts(location) {
        let place = if is_remote(&part) {
            Some(Place::Remote(remote_region(&part)))
        } else {
            named(&part).map(Place::Named)
        };
        if let Some(place) = place
            && !found.contains(&place)
        {
            found.push(place);
        }
    }
    found
}

/// Top-level parts of a location, outside parentheses.
fn split_parts(location: &str) -> Vec<String> {
    let text = location.replace(" and ", ",").replace(" or ", ",");
    let separators: &[char] = if text.contains(';') {
        &[';']
    } else {
        &[',', '&', '/', '|']
    };
    let mut parts: Vec<String> = vec![String::new()];
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && separators.contains(&c) {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    let mut joined: Vec<String> = Vec::new();
    for part in parts {
        let part = part.trim().trim_end_matches('.').trim().to_owned();
        // "Washington, DC": a state code belongs to the city before it.
        let is_code = part.len() == 2
            && part.chars().all(|c| c.is_ascii_uppercase())
            && !matches!(part.as_str(), "UK" | "US" | "GB");
        match joined.last_mut() {
            Some(city) if is_code => {
                city.push_str(", ");
                city.push_str(&part);
            }
            _ if !part.is_empty() => joined.push(part),
            _ => {}
        }
    }
    joined
}

fn is_remote(part: &str) -> bool {
    let lower = part.to_lowercase();
    lower.contains("remote") || lower.starts_with("anywhere") || lower.starts_with("virtual")
}

/// The region of a remote part: "remote (UK)", "UK remote", "Anywhere in the
/// U.S. (remote)" -> UK, UK, US; `None` for remote anywhere.
fn remote_region(part: &str) -> Option<String> {
    let words: Vec<&str> = part
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .map(|w| w.trim_end_matches(':'))
        .filter(|w| !w.is_empty() && !REMOTE_WORDS.contains(&w.to_lowercase().as_str()))
        // A region is a name, or one careers knows in any case ("remote
        // (uk)"): "mainly remote with occasional office visits" and "Mostly
        // remote" name none, and are remote anywhere.
        .filter(|w| {
            is_known_region(w)
                || (w.starts_with(|c: char| c.is_uppercase())
                    && !MANNER_WORDS.contains(&w.to_lowercase().as_str()))
        })
        .collect();
    let region = words.join(" ");
    let region = region.trim().trim_end_matches('.');
    (!region.is_empty()).then(|| canonical_region(region))
}

/// Words that say how much or how remote work is, never where.
const MANNER_WORDS: &[&str] = &[
    "mostly",
    "mainly",
    "primarily",
    "largely",
    "partly",
    "partially",
    "hybrid",
    "flexible",
    "occasionally",
    "option",
    "optional",
    "possible",
    "available",
    "friendly",
];

/// Whether `word` names a region careers knows, in any case: "uk", "U.S.".
fn is_known_region(word: &str) -> bool {
    let key = word.replace('.', "").to_uppercase();
    REGION_ALIASES.iter().any(|(alias, _)| *alias == key)
        || REGIONS
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(&key))
}

/// A region by the name [`REGIONS`] uses: "U.S." and "United States" are "US".
fn canonical_region(region: &str) -> String {
    let key = region.replace('.', "").to_uppercase();
    REGION_ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map(|(_, name)| *name)
        .or_else(|| {
            REGIONS
                .iter()
                .map(|(name, _)| *name)
                .find(|name| name.eq_ignore_ascii_case(&key))
        })
        .map_or_else(|| region.to_owned(), str::to_owned)
}

/// A named place: without a trailing clause or a parenthesised note, and only
/// when it looks like a name (capitalised, at most four words).
fn named(part: &str) -> Option<String> {
    let part = part.split(" with ").next().unwrap_or(part);
    let part = part.split('(').next().unwrap_or(part).trim();
    let looks_like_a_name = !part.is_empty()
        && part.len() <= 40
        && part.split_whitespace().count() <= 4
        && part.chars().next().is_some_and(char::is_uppercase);
    looks_like_a_name.then(|| canonical_region(part))
}

/// Whether `region` holds `place` (by [`REGIONS`]), or is it.
pub fn region_holds(region: &str, place: &str) -> bool {
    region.eq_ignore_ascii_case(place)
        || REGIONS.iter().any(|(name, places)| {
            name.eq_ignore_ascii_case(region)
                && places.iter().any(|p| p.eq_ignore_ascii_case(place))
        })
}

/// How a role with `places` answers a wanted place (an option of the
/// Location filter, any case): `Remote` wants any remote role, a region wants
/// a place in it, and a city is answered by the city itself or by a role that
/// is remote within a region holding it.
pub fn place_match(places: &[Place], wanted: &str) -> Option<PlaceMatch> {
    let wanted = wanted.trim();
    let named = places.iter().any(|p| match p {
        Place::Named(name) => region_holds(wanted, name),
        // Remote from anywhere answers remote within any region too.
        Place::Remote(None) => wanted
            .get(..6)
            .is_some_and(|w| w.eq_ignore_ascii_case("remote")),
        Place::Remote(_) => {
            p.to_string().eq_ignore_ascii_case(wanted) || wanted.eq_ignore_ascii_case("remote")
        }
    });
    if named {
        return Some(PlaceMatch::Named);
    }
    places.iter().find_map(|p| match p {
        Place::Remote(Some(region)) if region_holds(region, wanted) => {
            Some(PlaceMatch::RemoteWithin(p.to_string()))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    fn labels(location: &str) -> Vec<String> {
        places(location).iter().map(ToString::to_string).collect()
    }

    #[test_case("Leeds or remote (UK)", &["Leeds", "Remote (UK)"]; "city or remote in a region")]
    #[test_case("Bristol, Manchester & London, UK", &["Bristol", "Manchester", "London", "UK"]; "list")]
    #[test_case("Remote (UK)", &["Remote (UK)"]; "remote in a region")]
    #[test_case("Fully remote", &["Remote"]; "remote anywhere")]
    #[test_case("UK remote", &["Remote (UK)"]; "region first")]
    #[test_case("Anywhere in the U.S. (remote)", &["Remote (US)"]; "spelled region")]
    #[test_case("Washington, DC; Chicago, IL; Virtual (100% remote)", &["Washington, DC", "Chicago, IL", "Remote"]; "semicolons keep commas")]
    #[test_case("Washington, DC", &["Washington, DC"]; "state code stays with its city")]
    #[test_case("Bristol, London or Swansea with hybrid-working policy", &["Bristol", "London", "Swansea"]; "trailing clause")]
    #[test_case("London (hybrid)", &["London"]; "note dropped")]
    #[test_case("mainly remote with occasional office and client visits", &["Remote"]; "words about remote work name no region")]
    #[test_case("Remote within Canada", &["Remote (Canada)"]; "a region after within")]
    #[test_case("Leeds or remote (uk)", &["Leeds", "Remote (UK)"]; "a known region in lower case")]
    #[test_case("Mostly remote", &["Remote"]; "a capitalised word about manner")]
    #[test_case("Hybrid remote", &["Remote"]; "hybrid is no region")]
    #[test_case("", &[]; "empty")]
    fn locations_split_into_places(location: &str, expected: &[&str]) {
        assert_eq!(labels(location), expected);
    }

    #[test]
    fn a_remote_role_in_a_region_matches_its_cities_and_says_so() {
        let leeds_or_remote = places("Leeds or remote (UK)");
        assert_eq!(
            place_match(&leeds_or_remote, "Leeds"),
            Some(PlaceMatch::Named)
        );
        assert_eq!(
            place_match(&leeds_or_remote, "remote"),
            Some(PlaceMatch::Named)
        );
        assert_eq!(
            place_match(&leeds_or_remote, "Remote (UK)"),
            Some(PlaceMatch::Named)
        );
        assert_eq!(
            place_match(&leeds_or_remote, "london"),
            Some(PlaceMatch::RemoteWithin("Remote (UK)".into()))
        );
        assert_eq!(place_match(&leeds_or_remote, "Chicago"), None);
    }

    #[test]
    fn a_region_matches_the_places_in_it_and_remote_anywhere_no_city() {
        assert_eq!(
            place_match(&places("Cardiff"), "UK"),
            Some(PlaceMatch::Named)
        );
        assert_eq!(
            place_match(&places("Cardiff"), "Wales"),
            Some(PlaceMatch::Named)
        );
        assert_eq!(place_match(&places("Cardiff"), "Scotland"), None);
        assert_eq!(place_match(&places("Fully remote"), "London"), None);
        assert_eq!(place_match(&places("Bristol"), "Remote"), None);
        // Remote from anywhere includes remote within the UK.
        assert_eq!(
            place_match(&places("Fully remote"), "Remote (UK)"),
            Some(PlaceMatch::Named)
        );
        assert_eq!(place_match(&places("Remote (US)"), "Remote (UK)"), None);
    }
}
