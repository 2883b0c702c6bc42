//! Where a role is advertised, as jurisdictions of the rules table: from its
//! places (`role::place`), and the site's `jurisdictions` where its places
//! say nothing careers can place (no location, remote from anywhere, a place
//! careers does not know). A role remote within a region counts every
//! jurisdiction of that region it accepts applicants from.

use super::rules::{self, JURISDICTIONS, Jurisdiction};
use crate::role::place::{self, Place};

/// Places careers can put in a jurisdiction, by name (any case). A US place
/// written with its state code ("Austin, TX") is read from the code too.
const PLACES: &[(&str, &[&str])] = &[
    (
        "us-co",
        &[
            "colorado",
            "denver",
            "boulder",
            "colorado springs",
            "aurora, co",
        ],
    ),
    (
        "us-ca",
        &[
            "california",
            "san francisco",
            "los angeles",
            "san diego",
            "san jose",
            "oakland",
            "palo alto",
            "sacramento",
            "bay area",
        ],
    ),
    (
        "us-wa",
        &[
            "washington state",
            "seattle",
            "tacoma",
            "spokane",
            "bellevue",
            "redmond",
        ],
    ),
    (
        "us-ny",
        &[
            "new york",
            "new york city",
            "nyc",
            "brooklyn",
            "manhattan",
            "buffalo",
            "albany",
        ],
    ),
    ("us-il", &["illinois", "chicago"]),
    (
        "us-nj",
        &["new jersey", "newark", "jersey city", "princeton"],
    ),
    (
        "us-mn",
        &["minnesota", "minneapolis", "st paul", "saint paul"],
    ),
    (
        "us-ma",
        &["massachusetts", "boston", "cambridge, ma", "somerville"],
    ),
    ("us-vt", &["vermont", "burlington, vt", "montpelier"]),
    ("us-md", &["maryland", "baltimore", "bethesda", "rockville"]),
    ("us-hi", &["hawaii", "honolulu"]),
    (
        "us-dc",
        &[
            "washington, dc",
            "washington dc",
            "washington d.c.",
            "district of columbia",
            "dc",
        ],
    ),
    (
        "ca-on",
        &[
            "ontario",
            "toronto",
            "ottawa",
            "mississauga",
            "waterloo",
            "kitchener",
            "hamilton, on",
            "london, on",
        ],
    ),
    (
        "ca-bc",
        &["british columbia", "vancouver", "victoria, bc", "burnaby"],
    ),
    (
        "pl",
        &[
            "poland", "warsaw", "krakow", "kraków", "wroclaw", "wrocław", "gdansk", "gdańsk",
            "poznan", "poznań", "lodz", "łódź",
        ],
    ),
    (
        "eu",
        &[
            "eu",
            "european union",
            "europe",
            "austria",
            "vienna",
            "belgium",
            "brussels",
            "bulgaria",
            "sofia",
            "croatia",
            "zagreb",
            "cyprus",
            "nicosia",
            "czechia",
            "czech republic",
            "prague",
            "denmark",
            "copenhagen",
            "estonia",
            "tallinn",
            "finland",
            "helsinki",
            "france",
            "paris",
            "lyon",
            "germany",
            "berlin",
            "munich",
            "hamburg",
            "frankfurt",
            "greece",
            "athens",
            "hungary",
            "budapest",
            "ireland",
            "dublin",
            "italy",
            "rome",
            "milan",
            "latvia",
            "riga",
            "lithuania",
            "vilnius",
            "luxembourg",
            "malta",
            "valletta",
            "netherlands",
            "the netherlands",
            "amsterdam",
            "rotterdam",
            "portugal",
            "lisbon",
            "porto",
            "romania",
            "bucharest",
            "slovakia",
            "bratislava",
            "slovenia",
            "ljubljana",
            "spain",
            "madrid",
            "barcelona",
            "sweden",
            "stockholm",
        ],
    ),
];

/// US state codes written after a city ("Austin, TX") for the states in the table.
const STATE_CODES: &[(&str, &str)] = &[
    ("CO", "us-co"),
    ("CA", "us-ca"),
    ("WA", "us-wa"),
    ("NY", "us-ny"),
    ("IL", "us-il"),
    ("NJ", "us-nj"),
    ("MN", "us-mn"),
    ("MA", "us-ma"),
    ("VT", "us-vt"),
    ("MD", "us-md"),
    ("HI", "us-hi"),
    ("DC", "us-dc"),
];

/// Where a place puts a role.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Placed {
    /// In these jurisdictions (maybe none: London has no such law).
    Known(Vec<&'static Jurisdiction>),
    /// Careers cannot tell: the site's own list applies.
    Unknown,
}

/// The jurisdictions a role with this `location` is advertised in, in table
/// order; `site` stands in where the location says nothing careers can place.
pub fn advertised_in(
    location: Option<&str>,
    site: &[&'static Jurisdiction],
) -> Vec<&'static Jurisdiction> {
    let places = location.map(place::places).unwrap_or_default();
    let mut found: Vec<&'static Jurisdiction> = Vec::new();
    let mut unknown = places.is_empty();
    for p in &places {
        match placed(p) {
            Placed::Known(js) => found.extend(js),
            Placed::Unknown => unknown = true,
        }
    }
    if unknown {
        found.extend(site.iter().copied());
    }
    JURISDICTIONS
        .iter()
        .filter(|j| found.iter().any(|f| f.code == j.code))
        .collect()
}

fn placed(p: &Place) -> Placed {
    match p {
        Place::Named(name) => by_name(name),
        Place::Remote(Some(region)) => by_name(region),
        Place::Remote(None) => Placed::Unknown,
    }
}

/// A named place or region: a country or region careers knows, a place of
/// [`PLACES`], a US state code after a city, or unknown.
fn by_name(name: &str) -> Placed {
    let lower = name.trim().to_lowercase();
    match lower.replace('.', "").as_str() {
        "us" | "usa" | "united states" | "united states of america" | "america" => {
            return Placed::Known(rules::united_states().collect());
        }
        "canada" => return Placed::Known(rules::canada().collect()),
        "emea" | "europe" => return Placed::Known(in_code("eu")),
        _ => {}
    }
    if let Some((code, _)) = PLACES
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
    {
        let mut js = in_code(code);
        if *code == "pl" {
            js.extend(in_code("eu"));
        }
        return Placed::Known(js);
    }
    if let Some(code) = state_code(name) {
        return Placed::Known(
            STATE_CODES
                .iter()
                .filter(|(c, _)| *c == code)
                .flat_map(|(_, j)| in_code(j))
                .collect(),
        );
    }
    if place::region_holds("UK", name) || ["uk", "scotland", "wales"].contains(&lower.as_str()) {
        // The UK has no pay-transparency law for adverts.
        return Placed::Known(Vec::new());
    }
    Placed::Unknown
}

fn in_code(code: &str) -> Vec<&'static Jurisdiction> {
    rules::by_code(code).into_iter().collect()
}

/// The state code after the last comma ("Austin, TX" -> TX), when the
/// table has that state.
fn state_code(name: &str) -> Option<&'static str> {
    let (_, code) = name.rsplit_once(',')?;
    let code = code.trim().to_ascii_uppercase();
    STATE_CODES.iter().map(|(c, _)| *c).find(|c| *c == code)
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    fn codes(location: Option<&str>, site: &[&str]) -> Vec<&'static str> {
        let site: Vec<_> = site.iter().filter_map(|c| rules::by_code(c)).collect();
        advertised_in(location, &site)
            .iter()
            .map(|j| j.code)
            .collect()
    }

    #[test_case(Some("Denver, CO"), &["us-co"]; "a city with its state code")]
    #[test_case(Some("Toronto or remote (Canada)"), &["ca-on", "ca-bc"]; "a city and remote within a country")]
    #[test_case(Some("Remote (US)"), &["us-co", "us-ca", "us-wa", "us-ny", "us-il", "us-nj", "us-mn", "us-ma", "us-vt", "us-md", "us-hi", "us-dc"]; "remote within the US")]
    #[test_case(Some("Warsaw"), &["pl", "eu"]; "Poland is in the EU")]
    #[test_case(Some("Leeds"), &[]; "the UK has no such law")]
    #[test_case(Some("Cambridge"), &[]; "Cambridge alone is the English one")]
    #[test_case(Some("Fully remote"), &["us-co", "ca-on", "eu"]; "remote from anywhere takes the site's list")]
    #[test_case(None, &["us-co", "ca-on", "eu"]; "no location takes the site's list")]
    #[test_case(Some("Atlantis"), &["us-co", "ca-on", "eu"]; "an unknown place takes the site's list")]
    #[test_case(Some("Berlin, Leeds"), &["eu"]; "known places only")]
    fn places_put_roles_in_jurisdictions(location: Option<&str>, expected: &[&str]) {
        assert_eq!(codes(location, &["us-co", "ca-on", "eu"]), expected);
    }
}
