//! Share images: a 1200x630 PNG per role (title, whether it is closed or
//! opens later, salary, location and the organisation), what Slack, LinkedIn
//! and job boards show beside a link. Every fact on a card is one the role's
//! page shows, in the same words (pay with its period).
//!
//! Each is drawn from an SVG written here and rasterised in-process with
//! resvg, using a font compiled into the binary (a fresh machine has no
//! system fonts), so an image looks the same everywhere. The URL carries a
//! hash of the SVG, so it can be cached for a year and changes when the card
//! does. Drawing costs milliseconds (about 3 ms a card in a release build here,
//! most of it rasterising), so startup only writes the SVG:
//! the PNG is drawn on first request and kept in a bounded cache beside the
//! site, and `build` draws them all in parallel.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::role::model::Role;
use crate::site::assemble::memo::SiteMemo;
use crate::site::{CachePolicy, Page, PageKind, Site, text::format, urls};

/// The size every link preview expects.
pub const WIDTH: u32 = 1200;
/// See [`WIDTH`].
pub const HEIGHT: u32 = 630;
/// PNG content type.
pub const PNG: &str = "image/png";

/// How many drawn images to keep at most.
const CACHE_SIZE: usize = 1024;
/// How many bytes of drawn images to keep: the cache is bounded by what it
/// holds, not only by how many (a card is tens of kilobytes).
const CACHE_BYTES: usize = 16 * 1024 * 1024;

/// The font every card is set in (DejaVu Sans Bold; its licence is beside it).
static FONT: &[u8] = include_bytes!("../../../static/fonts/DejaVuSans-Bold.ttf");

/// One role's card, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareCard {
    /// Where it is served: `/roles/{slug}/share.{hash}.png`.
    pub path: String,
    /// What the image shows, for `og:image:alt`.
    pub alt: String,
    /// The SVG to rasterise.
    svg: String,
}

impl ShareCard {
    /// The card of a role; `status` says when it is not simply open
    /// ("Closed", "Opens 3 March 2027"); `organisation` may be empty.
    pub fn new(role: &Role, organisation: &str, status: Option<&str>) -> ShareCard {
        let salary = format::salary_summary(role);
        let location = role.location.clone();
        let svg = svg(
            &role.title,
            status,
            salary.as_deref(),
            location.as_deref(),
            organisation,
        );
        let hash = xxhash_rust::xxh3::xxh3_64(svg.as_bytes());
        let mut alt = role.title.clone();
        for part in [status, salary.as_deref(), location.as_deref()]
            .into_iter()
            .flatten()
        {
            alt.push_str(", ");
            alt.push_str(part);
        }
        if !organisation.is_empty() {
            alt.push_str(&format!(", at {organisation}"));
        }
        ShareCard {
            path: urls::share_image(&role.slug, hash),
            alt,
            svg,
        }
    }

    /// The site's own card, for pages that are not a role's when there is no
    /// logo: the listing, filtered listings, the 404 page.
    pub fn for_site(organisation: &str) -> ShareCard {
        let svg = svg(
            "Open roles",
            None,
            Some("Salaries, locations and what we look for, in every role"),
            None,
            organisation,
        );
        let hash = xxhash_rust::xxh3::xxh3_64(svg.as_bytes());
        ShareCard {
            path: urls::site_share_image(hash),
            alt: match organisation {
                "" => "Open roles".to_owned(),
                name => format!("Open roles at {name}"),
            },
            svg,
        }
    }

    /// The SVG the PNG is drawn from: what the card says, as text.
    pub fn svg(&self) -> &str {
        &self.svg
    }

    /// The PNG, or `None` if the SVG could not be drawn (it is ours, so that
    /// would be a bug; the page then simply has no image).
    pub fn draw(&self) -> Option<Vec<u8>> {
        encode_png(&self.pixels()?)
    }

    /// The card rasterised, before it is encoded.
    fn pixels(&self) -> Option<tiny_skia::Pixmap> {
        let options = usvg::Options {
            fontdb: Arc::clone(fonts()),
            font_family: "DejaVu Sans".into(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&self.svg, &options).ok()?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        Some(pixmap)
    }
}

/// The card as a PNG. A card is opaque and drawn in a few flat colours with
/// the antialiased text between them, so it nearly always fits a palette of
/// 256 colours: a quarter of the pixel bytes to filter and compress, and a
/// smaller file, with not one pixel different. A card that does not fit (or
/// is not opaque) is written as RGBA.
fn encode_png(pixmap: &tiny_skia::Pixmap) -> Option<Vec<u8>> {
    let Some((palette, indexes)) = palette_of(pixmap.data()) else {
        return pixmap.encode_png().ok();
    };
    let mut png = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette);
    // Measured on a card: the fast setting with adaptive filters takes a
    // fifth of the default's time for a file a fifth larger, and both are
    // smaller than the RGBA file at the default setting.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&indexes).ok()?;
    writer.finish().ok()?;
    Some(png)
}

/// The colours of opaque RGBA pixels (as RGB triples) and each pixel's
/// index among them, or `None` past 256 colours or at any pixel not wholly
/// opaque (premultiplied and straight RGBA are the same only there).
fn palette_of(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut colours: Vec<[u8; 3]> = Vec::new();
    // The last colour seen in each of 4,096 buckets (by the top four bits of
    // each channel), so that a colour met before is rarely searched for.
    let mut recent = [u8::MAX; 4096];
    let mut indexes = Vec::with_capacity(rgba.len() / 4);
    let pixels: Vec<u32> = rgba
        .chunks_exact(4)
        .map(|p| u32::from_ne_bytes([p[0], p[1], p[2], p[3]]))
        .collect();
    // Flat fills make long runs: a run is looked up once and written whole.
    let mut rest = pixels.as_slice();
    while let Some(&first) = rest.first() {
        let run = rest.iter().position(|&p| p != first).unwrap_or(rest.len());
        let [r, g, b, a] = first.to_ne_bytes();
        if a != u8::MAX {
            return None;
        }
        let rgb = [r, g, b];
        let bucket = usize::from(r >> 4) << 8 | usize::from(g >> 4) << 4 | usize::from(b >> 4);
        let cached = usize::from(recent[bucket]);
        let index = if colours.get(cached) == Some(&rgb) {
            cached
        } else {
            match colours.iter().position(|c| *c == rgb) {
                Some(i) => i,
                None if colours.len() < 256 => {
                    colours.push(rgb);
                    colours.len() - 1
                }
                None => return None,
            }
        };
        let index = u8::try_from(index).ok()?;
        recent[bucket] = index;
        indexes.resize(indexes.len() + run, index);
        rest = &rest[run..];
    }
    Some((colours.concat(), indexes))
}

fn fonts() -> &'static Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        Arc::new(db)
    })
}

/// Breaks a title into at most three lines of about `width` characters.
fn lines(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > 3 {
        lines.truncate(3);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

fn svg(
    title: &str,
    status: Option<&str>,
    salary: Option<&str>,
    location: Option<&str>,
    organisation: &str,
) -> String {
    let heading = match organisation {
        "" => "Careers".to_owned(),
        name => format!("Careers at {name}"),
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\
<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#0b3d5c\"/>\
<rect x=\"0\" y=\"0\" width=\"24\" height=\"{HEIGHT}\" fill=\"#f0c36d\"/>\
<text x=\"80\" y=\"110\" font-family=\"DejaVu Sans\" font-size=\"34\" fill=\"#f0c36d\">{}</text>",
        format::escape_markup(&heading)
    );
    let mut y: usize = 220;
    if let Some(status) = status {
        // Above the title, in the accent colour: the first thing read.
        out.push_str(&format!(
            "<text x=\"80\" y=\"170\" font-family=\"DejaVu Sans\" font-size=\"40\" fill=\"#ffffff\">{}</text>",
            format::escape_markup(status)
        ));
        y = 250;
    }
    for line in lines(title, 26) {
        out.push_str(&format!(
            "<text x=\"80\" y=\"{y}\" font-family=\"DejaVu Sans\" font-size=\"68\" fill=\"#ffffff\">{}</text>",
            format::escape_markup(&line)
        ));
        y += 82;
    }
    // One band per line ("UK: £78,000 to £95,000"), each wrapped to fit.
    let facts = salary
        .into_iter()
        .flat_map(|s| s.split("; "))
        .map(|line| (line, 40_usize))
        .chain(location.map(|l| (l, 36)));
    y += 24;
    for (value, size) in facts.take(4) {
        // DejaVu Sans Bold averages about 0.62 em a character.
        let width = 1040 * 100 / (size * 62);
        for line in lines(value, width).into_iter().take(2) {
            if y + 30 > HEIGHT as usize {
                break;
            }
            out.push_str(&format!(
                "<text x=\"80\" y=\"{y}\" font-family=\"DejaVu Sans\" font-size=\"{size}\" fill=\"#dbe9f2\">{}</text>",
                format::escape_markup(&line)
            ));
            y += size + 12;
        }
    }
    out.push_str("</svg>");
    out
}

/// Drawn images, kept beside the site like filtered listings: bounded, and
/// dropped when a newer site asks.
#[derive(Debug)]
pub struct ShareImageCache {
    memo: SiteMemo<String>,
    /// Images drawn so far (a metric).
    drawn: AtomicU64,
}

impl Default for ShareImageCache {
    fn default() -> ShareImageCache {
        ShareImageCache {
            memo: SiteMemo::with_byte_budget(CACHE_SIZE, CACHE_BYTES),
            drawn: AtomicU64::new(0),
        }
    }
}

impl ShareImageCache {
    /// The share image at `path` if it is drawn and kept.
    pub fn cached(&self, site: &Site, path: &str) -> Option<Arc<Page>> {
        self.memo.get(site, &path.to_owned())
    }

    /// The share image at `path`, drawn on first request; `None` when the
    /// site has no image there.
    pub fn image(&self, site: &Site, path: &str) -> Option<Arc<Page>> {
        let card = site.share_card(path)?;
        let key = path.to_owned();
        if let Some(page) = self.memo.get(site, &key) {
            return Some(page);
        }
        let page = Arc::new(image_page(card.draw()?));
        self.drawn.fetch_add(1, Ordering::Relaxed);
        self.memo.put(site, key, &page);
        Some(page)
    }
}

impl ShareImageCache {
    /// How many images this cache has drawn since it was made.
    pub fn drawn(&self) -> u64 {
        self.drawn.load(Ordering::Relaxed)
    }
}

/// A drawn image as a page: immutable, like every fingerprinted asset.
pub fn image_page(png: Vec<u8>) -> Page {
    Page::new(PageKind::ShareImage, PNG, CachePolicy::Immutable, png)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    /// The pixels of a PNG, as RGBA.
    fn decoded(png: &[u8]) -> Vec<u8> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
        let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("{e}"));
        let mut pixels = vec![0; reader.output_buffer_size().unwrap_or(0)];
        let info = reader
            .next_frame(&mut pixels)
            .unwrap_or_else(|e| panic!("{e}"));
        pixels.truncate(info.buffer_size());
        pixels
    }

    #[test]
    fn a_card_in_a_palette_has_every_pixel_of_the_drawing() {
        let roles = roles_from_texts(&[(
            "lead-gardener.md",
            "# Lead Gardener\n\nLeeds.\n\n## Salary\n\n£38,000 - £45,000\n",
        )]);
        let card = ShareCard::new(&roles[0], "Hollow Lane", Some("Closed"));
        let pixmap = card.pixels().unwrap_or_else(|| panic!("the card draws"));
        let png = encode_png(&pixmap).unwrap_or_else(|| panic!("no png"));
        assert_eq!(png[25], 3, "colour type 3: indexed");
        assert!(decoded(&png) == pixmap.data(), "not one pixel differs");
        let rgba = pixmap.encode_png().unwrap_or_else(|e| panic!("{e}"));
        assert!(png.len() < rgba.len(), "{} >= {}", png.len(), rgba.len());
    }

    #[test]
    fn a_drawing_past_256_colours_or_not_opaque_has_no_palette() {
        let many: Vec<u8> = (0..300u32)
            .flat_map(|i| {
                [
                    u8::try_from(i % 256).unwrap_or(0),
                    u8::try_from(i / 256).unwrap_or(0),
                    0,
                    255,
                ]
            })
            .collect();
        assert!(palette_of(&many).is_none());
        assert!(palette_of(&many[..256 * 4]).is_some());
        assert!(palette_of(&[0, 0, 0, 255, 0, 0, 0, 128]).is_none());
        let mut pixmap = tiny_skia::Pixmap::new(20, 15).unwrap_or_else(|| panic!("no pixmap"));
        pixmap.fill(tiny_skia::Color::from_rgba8(10, 20, 30, 128));
        let png = encode_png(&pixmap).unwrap_or_else(|| panic!("no png"));
        assert_eq!(png[25], 6, "colour type 6: RGBA");
    }

    #[test]
    fn a_card_is_a_1200_by_630_png_and_its_url_follows_its_content() {
        let roles = roles_from_texts(&[(
            "lead-gardener.md",
            "# Lead Gardener & <Head> of Glasshouses\n\nLeeds.\n\n## Salary\n\n£38,000 - £45,000\n",
        )]);
        let card = ShareCard::new(&roles[0], "Hollow Lane", None);
        assert!(
            card.path.starts_with("/roles/lead-gardener/share."),
            "{}",
            card.path
        );
        assert!(card.path.ends_with(".png"));
        assert!(card.alt.contains("Lead Gardener") && card.alt.contains("Hollow Lane"));
        let Some(png) = card.draw() else {
            panic!("the card draws")
        };
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(
            u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
            WIDTH
        );
        assert_eq!(
            u32::from_be_bytes([png[20], png[21], png[22], png[23]]),
            HEIGHT
        );
        let other = ShareCard::new(&roles[0], "Other Org", None);
        assert_ne!(card.path, other.path, "another card, another URL");
        let closed = ShareCard::new(&roles[0], "Hollow Lane", Some("Closed"));
        assert_ne!(card.path, closed.path, "a closed role's card says so");
        assert!(closed.svg().contains(">Closed<"));
        assert!(closed.alt.contains("Closed"));
    }

    #[test]
    fn long_titles_wrap_to_three_lines() {
        let l = lines(
            "Principal Software Engineer for Data Platforms and Machine Learning Infrastructure Teams",
            26,
        );
        assert_eq!(l.len(), 3);
        assert!(l[2].ends_with('…'));
    }
}
