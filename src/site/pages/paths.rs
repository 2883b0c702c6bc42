//! Career path pages (`/paths/{discipline}`): a discipline's ladder of
//! levels, each linked to its role, with pay by level drawn as an inline SVG
//! chart on the server (no script) and the same figures as a table.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::role::model::{Role, SalaryBand, Status};
use crate::role::pay::PayState;
use crate::site::pages::career::Rung;
use crate::site::pages::templates::{Chrome, PathLevel, PathPage, PayRow, RoleLinkView};
use crate::site::pages::views;
use crate::site::text::format;
use crate::site::urls;

/// A career path page, ready to render, and where it is served.
pub(crate) struct CareerPathView {
    /// `/paths/{discipline}`.
    pub(crate) url: String,
    /// The discipline's name, as the listing links to it.
    pub(crate) link: RoleLinkView,
    /// Whether any level is listed, open or upcoming (only those pages go
    /// in the sitemap, as only listed roles do).
    pub(crate) any_open: bool,
    /// The newest posting date on the ladder, for the sitemap.
    pub(crate) lastmod: Option<Date>,
    /// The page.
    pub(crate) page: PathPage,
}

/// The page of one discipline's ladder (two or more rungs).
pub(crate) fn career_path_page(
    chrome: &Chrome,
    discipline: &str,
    ladder: &[Rung<'_>],
    today: Date,
) -> Option<CareerPathView> {
    let url = urls::career_path(discipline)?;
    let roles: Vec<&Role> = ladder.iter().map(|rung| rung.shown).collect();
    let (first, last) = (roles.first()?, roles.last()?);
    let (careers, at) = (&chrome.careers, &chrome.at);
    let mut seo = views::seo(
        chrome,
        format!("{discipline} career path – {careers}"),
        format!("{discipline} career path{at}"),
        format!(
            "The {} levels of {discipline}{at}, from {} to {}, with pay at each level.",
            roles.len(),
            level_name(first),
            level_name(last),
        ),
        &url,
    );
    seo.og_type = "website";
    let levels = roles.iter().map(|r| path_level(r, today)).collect();
    let compare_steps = roles
        .windows(2)
        .map(|pair| RoleLinkView {
            title: format!("{} and {}", level_name(pair[0]), level_name(pair[1])),
            url: urls::compare(&pair[0].slug, &pair[1].slug),
            current: false,
        })
        .collect();
    let page = PathPage {
        chrome: chrome.clone(),
        seo,
        discipline: discipline.to_owned(),
        levels,
        chart_svg: pay_chart(discipline, &roles),
        pay_rows: pay_rows(&roles),
        compare_steps,
    };
    Some(CareerPathView {
        link: RoleLinkView {
            title: discipline.to_owned(),
            url: url.clone(),
            current: false,
        },
        url,
        any_open: roles.iter().any(|r| r.is_listed(today)),
        lastmod: roles.iter().filter_map(|r| views::lastmod(r, today)).max(),
        page,
    })
}

fn level_name(role: &Role) -> &str {
    role.level_name().unwrap_or("Other")
}

fn path_level(role: &Role, today: Date) -> PathLevel {
    let status = match role.effective_status(today) {
        Status::Open => "Open",
        Status::Upcoming => "Opening soon",
        Status::Closed => "Closed",
        Status::Draft => "Draft",
    };
    PathLevel {
        level: level_name(role).to_owned(),
        title: role.title.clone(),
        url: urls::role(&role.slug),
        status,
        open: status == "Open",
        pay: format::pay_summary(role),
    }
}

/// One row per band, and one for each level without published pay.
fn pay_rows(roles: &[&Role]) -> Vec<PayRow> {
    let mut rows = Vec::new();
    for role in roles {
        match role.pay_state() {
            PayState::Published(bands) => rows.extend(bands.iter().map(|b| PayRow {
                level: level_name(role).to_owned(),
                location: band_location(b).to_owned(),
                pay: format::band_range(b),
            })),
            state => rows.push(PayRow {
                level: level_name(role).to_owned(),
                location: "All locations".to_owned(),
                pay: state.words().unwrap_or_default().to_owned(),
            }),
        }
    }
    rows
}

fn band_location(band: &SalaryBand) -> &str {
    band.location().unwrap_or("All locations")
}

/// The chart's geometry, in SVG user units (the chart scales to its box,
/// at most this wide: narrow enough that its 15-unit labels stay readable
/// when a phone shrinks it to 288 px).
const WIDTH: u32 = 440;
const LEFT: u32 = 8;
const RIGHT: u32 = 432;
const ROW: u32 = 44;
const BAR: u32 = 14;
const AXIS: u32 = 34;
/// An open-ended band's bar ends in an arrow this long at the chart's edge.
const ARROW: u32 = 12;

/// A horizontal range bar per level and location band, on one shared scale.
/// Levels without published pay get a line of words instead of a bar.
fn pay_chart(discipline: &str, roles: &[&Role]) -> String {
    let bands: Vec<(&Role, &SalaryBand)> = roles
        .iter()
        .flat_map(|r| r.salary.iter().map(move |b| (*r, b)))
        .collect();
    let (low, high) = scale(&bands);
    let x = |amount: u64| -> u32 {
        let span = (high - low).max(1);
        let offset = amount.saturating_sub(low).min(span);
        LEFT + u32::try_from(offset * u64::from(RIGHT - LEFT - ARROW) / span).unwrap_or(0)
    };
    let rows = roles.iter().map(|r| r.salary.len().max(1)).sum::<usize>();
    let height = u32::try_from(rows).unwrap_or(0) * ROW + AXIS;
    let mut svg = String::with_capacity(1024 + rows * 400);
    let _ = write!(
        svg,
        r#"<svg class="pay-chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Pay by level: {}</title><desc id="chart-desc">{}</desc>"#,
        format::escape_markup(discipline),
        format::escape_markup(&chart_description(discipline, roles))
    );
    let mut y = 0;
    for role in roles {
        let level = level_name(role);
        if role.salary.is_empty() {
            let words = role.pay_state().words().unwrap_or_default();
            let _ = write!(
                svg,
                r#"<text class="chart-label" x="{LEFT}" y="{}">{}: {}</text>"#,
                y + 16,
                format::escape_markup(level),
                format::escape_markup(words)
            );
            y += ROW;
            continue;
        }
        for band in &role.salary {
            let label = format!("{level}, {}: {}", band_location(band), chart_range(band));
            let _ = write!(
                svg,
                r#"<text class="chart-label" x="{LEFT}" y="{}">{}</text>"#,
                y + 16,
                format::escape_markup(&label)
            );
            let (x0, top) = (x(band.min()), y + 22);
            match band.max() {
                Some(max) => {
                    let width = x(max).saturating_sub(x0).max(4);
                    let _ = write!(
                        svg,
                        r#"<rect class="bar" x="{x0}" y="{top}" width="{width}" height="{BAR}" rx="2"/>"#
                    );
                }
                None => {
                    let end = RIGHT - ARROW;
                    let _ = write!(
                        svg,
                        r#"<rect class="bar bar-open" x="{x0}" y="{top}" width="{}" height="{BAR}"/><path class="bar-arrow" d="M{end} {} L{RIGHT} {} L{end} {} Z"/>"#,
                        end.saturating_sub(x0).max(4),
                        top - 3,
                        top + BAR / 2,
                        top + BAR + 3
                    );
                }
            }
            y += ROW;
        }
    }
    axis(&mut svg, y, (low, high), common_symbol(&bands), x);
    svg.push_str("</svg>");
    svg
}

/// The scale's ends: the lowest minimum and the highest maximum, in whole
/// thousands; an open-ended band reaches a little past its minimum.
fn scale(bands: &[(&Role, &SalaryBand)]) -> (u64, u64) {
    let low = bands.iter().map(|(_, b)| b.min()).min().unwrap_or(0);
    let high = bands
        .iter()
        .map(|(_, b)| b.max().unwrap_or(b.min() + b.min() / 5))
        .max()
        .unwrap_or(1);
    let step = 10_000;
    (low / step * step, high.div_ceil(step) * step)
}

/// The currency symbol every band shares, for the axis; none when they
/// differ (each bar's label still names its own).
fn common_symbol(bands: &[(&Role, &SalaryBand)]) -> &'static str {
    let mut symbols = bands.iter().map(|(_, b)| b.currency().symbol());
    let first = symbols.next().unwrap_or("");
    if symbols.all(|s| s == first) {
        first
    } else {
        ""
    }
}

fn axis(svg: &mut String, y: u32, (low, high): (u64, u64), symbol: &str, x: impl Fn(u64) -> u32) {
    let _ = write!(
        svg,
        r#"<line class="chart-axis" x1="{LEFT}" x2="{RIGHT}" y1="{}" y2="{}"/>"#,
        y + 4,
        y + 4
    );
    let middle = low + (high - low) / 2;
    for (amount, anchor) in [(low, "start"), (middle, "middle"), (high, "end")] {
        let _ = write!(
            svg,
            r#"<text class="chart-tick" x="{}" y="{}" text-anchor="{anchor}">{}</text>"#,
            if anchor == "end" { RIGHT } else { x(amount) },
            y + 24,
            format::escape_markup(&format::money(amount, symbol))
        );
    }
}

/// A band as the chart labels it: "£85,000 a year and above" for an open-ended one.
fn chart_range(band: &SalaryBand) -> String {
    match band.max() {
        None => format!(
            "{}{} and above",
            format::money(band.min(), band.currency().symbol()),
            format::per(band.period())
        ),
        Some(_) => format::band_range(band),
    }
}

/// The chart's text alternative: what it shows, in a sentence or two.
fn chart_description(discipline: &str, roles: &[&Role]) -> String {
    let mut parts = Vec::new();
    for role in roles {
        let level = level_name(role);
        match role.pay_state() {
            PayState::Published(bands) => {
                let ranges: Vec<String> = bands
                    .iter()
                    .map(|b| format!("{} {}", band_location(b), chart_range(b)))
                    .collect();
                parts.push(format!("{level}: {}", ranges.join("; ")));
            }
            state => parts.push(format!(
                "{level}: {}",
                state.words().unwrap_or_default().to_lowercase()
            )),
        }
    }
    format!(
        "Salary range of each {discipline} level, one bar per location. {}.",
        parts.join(". ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    fn roles() -> Vec<Role> {
        roles_from_texts(&[
            (
                "mid-baker.md",
                "# Mid Baker\n\n## Salary\n\n- UK: £30,000 - £38,000\n- London: £34,000 - £42,000\n",
            ),
            (
                "senior-baker.md",
                "# Senior Baker\n\n## Salary\n\n£45,000+\n",
            ),
            (
                "lead-baker.md",
                "# Lead Baker\n\n## Salary\n\nBeing reviewed this spring.\n",
            ),
        ])
    }

    #[test]
    fn the_axis_speaks_the_bands_currency() {
        let all = roles_from_texts(&[
            (
                "mid-ranger.md",
                "# Mid Ranger\n\n## Salary\n\nCAD 60,000 - CAD 70,000\n",
            ),
            (
                "senior-ranger.md",
                "# Senior Ranger\n\n## Salary\n\nCAD 75,000 - CAD 90,000\n",
            ),
        ]);
        let refs: Vec<&Role> = all.iter().collect();
        let svg = pay_chart("Ranger", &refs);
        let ticks: Vec<&str> = svg
            .split("class=\"chart-tick\"")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1))
            .collect();
        assert_eq!(ticks.len(), 3, "{svg}");
        assert!(ticks.iter().all(|t| t.starts_with("CA$")), "{ticks:?}");
    }

    #[test]
    fn the_chart_has_one_bar_per_band_and_draws_open_ends_to_the_edge() {
        let all = roles();
        let refs: Vec<&Role> = all.iter().collect();
        let svg = pay_chart("Baker", &refs);
        assert_eq!(svg.matches("<rect class=\"bar").count(), 3, "{svg}");
        assert_eq!(svg.matches("bar-open").count(), 1);
        assert!(svg.contains("£45,000 a year and above"), "{svg}");
        assert!(svg.contains("Lead: Pay under review"), "{svg}");
        assert!(
            svg.contains(&format!("L{RIGHT} ")),
            "the arrow ends at the edge"
        );
    }

    #[test]
    fn the_scale_starts_and_ends_on_whole_ten_thousands() {
        let all = roles();
        let bands: Vec<(&Role, &SalaryBand)> = all
            .iter()
            .flat_map(|r| r.salary.iter().map(move |b| (r, b)))
            .collect();
        assert_eq!(scale(&bands), (30_000, 60_000));
    }
}
