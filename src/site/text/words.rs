//! The interface's words, per language: a typed message catalogue.
//!
//! Every word a page shows that is careers' own (labels, headings, notices,
//! dates) is looked up here by key, never written in a template. A catalogue
//! is one [`Words`] value per language; adding a key to the struct makes
//! every language that lacks it fail to compile, so no page can show a
//! missing message. Words with a value in them are functions of that value
//! (French puts a space before `:` and `?`; its months and plurals differ).
//! English and French ship; `lang` in `site.yaml` (and a role's front
//! matter `lang`) picks one, by the tag's language (`fr-CA` is French).
//! See docs/architecture.md for why this is a typed catalogue and not
//! Fluent.

use jiff::civil::Date;

use crate::role::model::{Period, SalaryBand};
use crate::role::salary::money;

/// One language's words. Field names are the message keys.
#[derive(Debug)]
pub(crate) struct Words {
    /// Month names, January first.
    months: [&'static str; 12],
    /// "1st" in a date ("1er" in French), else the number.
    first_of_month: Option<&'static str>,
    // Chrome, on every page.
    pub(crate) skip_link: &'static str,
    pub(crate) careers: &'static str,
    pub(crate) careers_at: fn(&str) -> String,
    pub(crate) at: fn(&str) -> String,
    pub(crate) site_nav: &'static str,
    pub(crate) open_roles: &'static str,
    pub(crate) questions_email: &'static str,
    pub(crate) how_we_hire: &'static str,
    pub(crate) accessibility_statement: &'static str,
    pub(crate) all_roles_json: &'static str,
    pub(crate) privacy_note: &'static str,
    // The role page.
    pub(crate) breadcrumb: &'static str,
    pub(crate) not_open_yet: &'static str,
    pub(crate) applications_open_on: &'static str,
    pub(crate) come_back_then: &'static str,
    pub(crate) opening_soon_text: &'static str,
    pub(crate) role_closed: &'static str,
    pub(crate) no_longer_taking: &'static str,
    pub(crate) see_every_open_now: &'static str,
    pub(crate) alike_open_now: &'static str,
    pub(crate) see_every_open: &'static str,
    pub(crate) key_facts: &'static str,
    pub(crate) salary: &'static str,
    pub(crate) apply_for_role: &'static str,
    pub(crate) apply_by_email: &'static str,
    pub(crate) hiring_link: &'static str,
    pub(crate) on_this_page: &'static str,
    pub(crate) career_path: &'static str,
    pub(crate) whole_path: &'static str,
    pub(crate) compare_next: &'static str,
    pub(crate) related_roles: &'static str,
    pub(crate) in_other_languages: &'static str,
    // Key facts.
    pub(crate) location: &'static str,
    pub(crate) level: &'static str,
    pub(crate) grade: &'static str,
    pub(crate) team: &'static str,
    pub(crate) discipline: &'static str,
    pub(crate) employment_type: &'static str,
    pub(crate) posted: &'static str,
    pub(crate) last_updated: &'static str,
    pub(crate) closing_date: &'static str,
    pub(crate) can_apply_from: &'static str,
    pub(crate) visa_sponsorship: &'static str,
    pub(crate) relocation_support: &'static str,
    pub(crate) not_stated: &'static str,
    pub(crate) visa_yes: &'static str,
    pub(crate) visa_no: &'static str,
    pub(crate) relocation_yes: &'static str,
    pub(crate) relocation_no: &'static str,
    pub(crate) outcome_reviewing: &'static str,
    pub(crate) outcome_filled: &'static str,
    pub(crate) outcome_not_filled: &'static str,
    pub(crate) closed: &'static str,
    pub(crate) closed_on: fn(&str) -> String,
    pub(crate) closes_today: &'static str,
    pub(crate) closes_tomorrow: &'static str,
    pub(crate) closes_in_days: fn(i32) -> String,
    pub(crate) closes_at: fn(&str, &str, &str) -> String,
    pub(crate) closes_on: fn(&str, &str) -> String,
    pub(crate) pay_under_review: &'static str,
    pub(crate) pay_not_stated: &'static str,
    /// Pay the text states in a form careers could not read.
    pub(crate) pay_in_text: &'static str,
    /// The heading, under a minimum salary, of the roles it cannot judge
    /// when some of them do state pay, in words careers could not read as
    /// a figure (so "Pay not stated" would be false of them).
    pub(crate) pay_not_compared: &'static str,
    range: fn(&str, &str) -> String,
    or_more: fn(&str) -> String,
    per: [&'static str; 4],
    // The listing.
    pub(crate) work_with_us_at: fn(&str) -> String,
    pub(crate) listing_lede: &'static str,
    pub(crate) filter_roles: &'static str,
    pub(crate) search_roles: &'static str,
    pub(crate) search_hint: &'static str,
    pub(crate) filters: &'static str,
    pub(crate) filters_set: fn(usize) -> String,
    pub(crate) all_teams: &'static str,
    pub(crate) all_levels: &'static str,
    pub(crate) all_locations: &'static str,
    pub(crate) remote: &'static str,
    pub(crate) all_roles: &'static str,
    pub(crate) from_hint: &'static str,
    pub(crate) min_salary: &'static str,
    pub(crate) min_salary_hint: &'static str,
    pub(crate) sort_by: &'static str,
    /// The orders of `?sort=`, as [`crate::site::listing::sort::Sort::ALL`] lists
    /// them; the first is "By team" without a search.
    pub(crate) sort_labels: [&'static str; 4],
    pub(crate) by_team: &'static str,
    pub(crate) best_matches_first: &'static str,
    // A filtered listing's heading: "3 roles matching ‘data’ in Platform".
    pub(crate) heading_roles: fn(usize, bool) -> String,
    pub(crate) heading_matching: fn(&str) -> String,
    pub(crate) heading_team: fn(&str) -> String,
    pub(crate) heading_level: fn(&str) -> String,
    pub(crate) heading_location: fn(&str) -> String,
    pub(crate) heading_from: fn(&str) -> String,
    pub(crate) heading_paying: fn(&str) -> String,
    pub(crate) heading_page: fn(usize, usize) -> String,
    pub(crate) or: &'static str,
    pub(crate) open_count: fn(usize, usize) -> String,
    pub(crate) match_count: fn(usize) -> String,
    pub(crate) show_roles: &'static str,
    pub(crate) clear_filters: &'static str,
    pub(crate) has_closed: &'static str,
    pub(crate) has_closed_below: &'static str,
    pub(crate) did_you_mean: &'static str,
    pub(crate) question_mark: &'static str,
    pub(crate) no_match: &'static str,
    pub(crate) no_match_hint: &'static str,
    pub(crate) see_all_open: &'static str,
    pub(crate) pages: &'static str,
    pub(crate) previous_page: &'static str,
    pub(crate) next_page: &'static str,
    pub(crate) follow_heading: &'static str,
    pub(crate) follow_text: &'static str,
    pub(crate) follow_text_filtered: &'static str,
    pub(crate) feed_of_these: &'static str,
    pub(crate) feed_of_all: &'static str,
    pub(crate) same_as_json_feed: &'static str,
    pub(crate) by_email: &'static str,
    pub(crate) career_paths: &'static str,
    pub(crate) matches: &'static str,
    pub(crate) opens: &'static str,
    pub(crate) opening_soon: &'static str,
    pub(crate) closes: &'static str,
    // The pages around the roles.
    pub(crate) hiring_description: fn(&str) -> String,
    pub(crate) a11y_description: &'static str,
    pub(crate) a11y_lede: &'static str,
    pub(crate) a11y_lede_org: fn(&str) -> String,
    pub(crate) a11y_built: &'static str,
    pub(crate) a11y_points: [&'static str; 4],
    pub(crate) a11y_compliance_heading: &'static str,
    /// Fully, partially, not compliant.
    pub(crate) a11y_compliance: [&'static str; 3],
    pub(crate) a11y_compliance_with: fn(&str, Option<&str>) -> String,
    pub(crate) a11y_known_issues: &'static str,
    pub(crate) a11y_report_heading: &'static str,
    pub(crate) a11y_report_text: &'static str,
    pub(crate) a11y_reviewed: fn(&str) -> String,
    // The 404 and 500 pages.
    pub(crate) not_found: &'static str,
    pub(crate) not_found_text: &'static str,
    pub(crate) went_wrong: &'static str,
    pub(crate) went_wrong_text: &'static str,
    pub(crate) search_open_roles: &'static str,
    pub(crate) search: &'static str,
}

impl Words {
    /// The catalogue for a language tag: French for `fr` and `fr-*`,
    /// else English.
    pub(crate) fn for_lang(tag: Option<&str>) -> &'static Words {
        let language = tag
            .and_then(|t| t.split('-').next())
            .unwrap_or("en")
            .to_ascii_lowercase();
        match language.as_str() {
            "fr" => &FR,
            _ => &EN,
        }
    }

    /// A band's range with its period: `£60,000 to £75,000 a year`,
    /// `£81,900 or more a year`, `£94,500 a year`.
    pub(crate) fn band_range(&self, band: &SalaryBand) -> String {
        let symbol = band.currency().symbol();
        let mut text = match band.max() {
            None => (self.or_more)(&money(band.min(), symbol)),
            Some(max) if max == band.min() => money(max, symbol),
            Some(max) => (self.range)(&money(band.min(), symbol), &money(max, symbol)),
        };
        text.push_str(self.per(band.period()));
        text
    }

    /// A period as it follows an amount: " a year", " par an".
    pub(crate) fn per(&self, period: Period) -> &'static str {
        let i = match period {
            Period::Year => 0,
            Period::Month => 1,
            Period::Day => 2,
            Period::Hour => 3,
        };
        self.per[i]
    }

    /// A day as this language writes it: "5 October 2026", "1er octobre 2026".
    pub(crate) fn date(&self, d: Date) -> String {
        let month = usize::try_from(d.month() - 1)
            .ok()
            .and_then(|m| self.months.get(m))
            .copied()
            .unwrap_or("");
        match (d.day(), self.first_of_month) {
            (1, Some(first)) => format!("{first} {month} {}", d.year()),
            (day, _) => format!("{day} {month} {}", d.year()),
        }
    }
}

/// English.
pub(crate) static EN: Words = Words {
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    first_of_month: None,
    skip_link: "Skip to main content",
    careers: "Careers",
    careers_at: |org| format!("Careers at {org}"),
    at: |org| format!(" at {org}"),
    site_nav: "Site",
    open_roles: "Open roles",
    questions_email: "Questions about a role? Email",
    how_we_hire: "How we hire",
    accessibility_statement: "Accessibility statement",
    all_roles_json: "All open roles as JSON",
    privacy_note: "Privacy: this site sets no cookies.",
    breadcrumb: "Breadcrumb",
    not_open_yet: "Applications are not open yet",
    applications_open_on: "Applications open on",
    come_back_then: "Come back then to apply.",
    opening_soon_text: "We will open applications for this role soon.",
    role_closed: "This role is closed",
    no_longer_taking: "We are no longer taking applications for this role.",
    see_every_open_now: "See every role that is open now",
    alike_open_now: "These roles like it are open now:",
    see_every_open: "See every open role",
    key_facts: "Key facts",
    salary: "Salary",
    apply_for_role: "Apply for this role",
    apply_by_email: "Apply by email:",
    hiring_link: "How we hire: what happens after you apply",
    on_this_page: "On this page",
    career_path: "Career path",
    whole_path: "See the whole career path, with pay by level",
    compare_next: "Compare with the next level",
    related_roles: "Related roles",
    in_other_languages: "This role in other languages",
    location: "Location",
    level: "Level",
    grade: "Grade",
    team: "Team",
    discipline: "Discipline",
    employment_type: "Employment type",
    posted: "Posted",
    last_updated: "Last updated",
    closing_date: "Closing date",
    can_apply_from: "Can apply from",
    visa_sponsorship: "Visa sponsorship",
    relocation_support: "Relocation support",
    not_stated: "not stated",
    visa_yes: "Available",
    visa_no: "Not available",
    relocation_yes: "Offered",
    relocation_no: "Not offered",
    outcome_reviewing: "Applications have closed and we are reviewing them.",
    outcome_filled: "This role has been filled.",
    outcome_not_filled: "This role was not filled.",
    closed: "Closed",
    closed_on: |date| format!("Closed on {date}"),
    closes_today: "Closes today",
    closes_tomorrow: "Closes tomorrow",
    closes_in_days: |n| format!("Closes in {n} days"),
    closes_at: |when, date, zone| format!("{when}: {date}, at 11:59pm ({zone} time)"),
    closes_on: |when, date| format!("{when}: {date}"),
    pay_under_review: "Pay under review",
    pay_not_stated: "Pay not stated",
    pay_in_text: "Pay stated in the text",
    pay_not_compared: "Pay the minimum salary cannot compare",
    range: |min, max| format!("{min} to {max}"),
    or_more: |min| format!("{min} or more"),
    per: [" a year", " a month", " a day", " an hour"],
    work_with_us_at: |org| format!("Work with us at {org}"),
    listing_lede: "Every open role, with its salary, location and what we look for. Filter the list or search it; the address of a search can be shared.",
    filter_roles: "Filter roles",
    search_roles: "Search roles",
    search_hint: "Any words on the role page, for example “data”, “remote” or “Ruby”.",
    filters: "Filters",
    filters_set: |n| format!(" ({n} set)"),
    all_teams: "All teams",
    all_levels: "All levels",
    all_locations: "All locations",
    remote: "Remote",
    all_roles: "All roles",
    from_hint: "Where you live. Roles that do not say who can apply from where are left out.",
    min_salary: "Minimum salary",
    min_salary_hint: "A yearly amount, e.g. 45000. Roles with no salary it can compare follow the matches, under their own heading.",
    sort_by: "Sort by",
    sort_labels: [
        "Best match",
        "Newest first",
        "Closing soonest",
        "Highest pay",
    ],
    by_team: "By team",
    best_matches_first: "Best matches first",
    heading_roles: |total, filtered| {
        let plural = if total == 1 { "" } else { "s" };
        if filtered {
            format!("{total} role{plural}")
        } else {
            format!("{total} open role{plural}")
        }
    },
    heading_matching: |q| format!(" matching ‘{q}’"),
    heading_team: |team| format!(" in {team}"),
    heading_level: |level| format!(" at {level} level"),
    heading_location: |place| format!(" in {place}"),
    heading_from: |place| format!(" open to candidates in {place}"),
    heading_paying: |min| format!(" paying from {min}"),
    heading_page: |page, pages| format!(" – page {page} of {pages}"),
    or: " or ",
    open_count: |total, upcoming| {
        let open = total.saturating_sub(upcoming);
        let plural = if open == 1 { "" } else { "s" };
        match upcoming {
            0 => format!("{open} open role{plural}"),
            n => format!("{open} open role{plural}, {n} opening soon"),
        }
    },
    match_count: |total| match total {
        1 => "1 role matches your search".to_owned(),
        n => format!("{n} roles match your search"),
    },
    show_roles: "Show roles",
    clear_filters: "Clear filters",
    has_closed: "has closed: it no longer takes applications. Its page says more",
    has_closed_below: "; the roles below are open",
    did_you_mean: "Did you mean",
    question_mark: "?",
    no_match: "No roles match your search",
    no_match_hint: "Try fewer or different words, or remove a filter.",
    see_all_open: "See all open roles",
    pages: "Pages",
    previous_page: "Previous page",
    next_page: "Next page",
    follow_heading: "Follow these roles",
    follow_text: "A feed lists new roles as they are posted: paste its address into a feed reader (an app or website that collects updates from many sites) and new roles appear there, with no account here.",
    follow_text_filtered: "A feed lists new roles as they are posted: paste its address into a feed reader (an app or website that collects updates from many sites) and new roles matching this search appear there, with no account here.",
    feed_of_these: "Feed of these roles (Atom)",
    feed_of_all: "Feed of all open roles (Atom)",
    same_as_json_feed: "The same as JSON Feed",
    by_email: "Get new roles by email",
    career_paths: "Career paths",
    matches: "Matches:",
    opens: "Opens",
    opening_soon: "Opening soon",
    closes: "Closes",
    hiring_description: |at| format!("How we hire{at}: what happens after you apply."),
    a11y_description: "How this careers site works for people who use it in different ways.",
    a11y_lede: "How this careers site works for people who use it in different ways.",
    a11y_lede_org: |org| {
        format!(
            "How this careers site works for people who use it in different ways, and what {org} states about it."
        )
    },
    a11y_built: "How the site is built",
    a11y_points: [
        "Pages are plain, semantic HTML: headings in order, lists, landmarks and a label on every form field.",
        "Everything works without JavaScript. Searching, filtering and sorting the roles are ordinary forms and links.",
        "The pages reflow to a 320 pixel wide screen and can be used with a keyboard alone.",
        "Each release is checked with the axe accessibility engine in a browser, at phone and desktop widths.",
    ],
    a11y_compliance_heading: "Compliance status",
    a11y_compliance: ["fully compliant", "partially compliant", "not compliant"],
    a11y_compliance_with: |how, standard| match standard {
        Some(standard) => format!("This website is {how} with {standard}."),
        None => {
            format!("This website is {how} with the Web Content Accessibility Guidelines (WCAG).")
        }
    },
    a11y_known_issues: "Content that is not accessible",
    a11y_report_heading: "Reporting a problem",
    a11y_report_text: "If something on this site does not work for you, or you need a role’s details in another format, contact",
    a11y_reviewed: |day| format!("This statement was last reviewed on {day}."),
    not_found: "Page not found",
    not_found_text: "We could not find that page. The role may have been renamed or closed, or the link may be mistyped.",
    went_wrong: "Something went wrong",
    went_wrong_text: "We could not show this page just now. Please try again in a moment.",
    search_open_roles: "Search open roles",
    search: "Search",
};

/// French. A no-break space (U+00A0) goes before `:`, `?` and `;`, and
/// inside « guillemets », as French typography wants.
pub(crate) static FR: Words = Words {
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    first_of_month: Some("1er"),
    skip_link: "Aller au contenu principal",
    careers: "Carrières",
    careers_at: |org| format!("Carrières chez {org}"),
    at: |org| format!(" chez {org}"),
    site_nav: "Site",
    open_roles: "Postes ouverts",
    questions_email: "Une question sur un poste\u{a0}? Écrivez à",
    how_we_hire: "Comment nous recrutons",
    accessibility_statement: "Déclaration d’accessibilité",
    all_roles_json: "Tous les postes ouverts en JSON",
    privacy_note: "Confidentialité\u{a0}: ce site ne dépose aucun cookie.",
    breadcrumb: "Fil d’Ariane",
    not_open_yet: "Les candidatures ne sont pas encore ouvertes",
    applications_open_on: "Les candidatures ouvrent le",
    come_back_then: "Revenez à cette date pour postuler.",
    opening_soon_text: "Nous ouvrirons bientôt les candidatures pour ce poste.",
    role_closed: "Ce poste n’est plus ouvert",
    no_longer_taking: "Nous ne recevons plus de candidatures pour ce poste.",
    see_every_open_now: "Voir tous les postes ouverts aujourd’hui",
    alike_open_now: "Ces postes semblables sont ouverts\u{a0}:",
    see_every_open: "Voir tous les postes ouverts",
    key_facts: "En bref",
    salary: "Salaire",
    apply_for_role: "Postuler à ce poste",
    apply_by_email: "Postuler par courriel\u{a0}:",
    hiring_link: "Comment nous recrutons\u{a0}: ce qui se passe après votre candidature",
    on_this_page: "Sur cette page",
    career_path: "Évolution de carrière",
    whole_path: "Voir toute l’évolution de carrière, avec la rémunération de chaque niveau",
    compare_next: "Comparer avec le niveau suivant",
    related_roles: "Postes semblables",
    in_other_languages: "Ce poste dans d’autres langues",
    location: "Lieu",
    level: "Niveau",
    grade: "Grade",
    team: "Équipe",
    discipline: "Métier",
    employment_type: "Type de contrat",
    posted: "Publié le",
    last_updated: "Dernière mise à jour",
    closing_date: "Date de clôture",
    can_apply_from: "Candidatures depuis",
    visa_sponsorship: "Parrainage de visa",
    relocation_support: "Aide à la mobilité",
    not_stated: "non précisé",
    visa_yes: "Possible",
    visa_no: "Impossible",
    relocation_yes: "Proposée",
    relocation_no: "Non proposée",
    outcome_reviewing: "Les candidatures sont closes et nous les étudions.",
    outcome_filled: "Ce poste a été pourvu.",
    outcome_not_filled: "Ce poste n’a pas été pourvu.",
    closed: "Clos",
    closed_on: |date| format!("Clos le {date}"),
    closes_today: "Clôture aujourd’hui",
    closes_tomorrow: "Clôture demain",
    closes_in_days: |n| format!("Clôture dans {n}\u{a0}jours"),
    closes_at: |when, date, zone| {
        format!("{when}\u{a0}: {date}, à 23\u{a0}h\u{a0}59 (heure {zone})")
    },
    closes_on: |when, date| format!("{when}\u{a0}: {date}"),
    pay_under_review: "Rémunération en cours de révision",
    pay_not_stated: "Rémunération non précisée",
    pay_in_text: "Rémunération indiquée dans le texte",
    pay_not_compared: "Rémunération que le salaire minimum ne peut pas comparer",
    range: |min, max| format!("de {min} à {max}"),
    or_more: |min| format!("{min} ou plus"),
    per: [" par an", " par mois", " par jour", " de l’heure"],
    work_with_us_at: |org| format!("Travaillez avec nous chez {org}"),
    listing_lede: "Tous les postes ouverts, avec leur salaire, leur lieu et ce que nous recherchons. Filtrez la liste ou cherchez-y\u{a0}; l’adresse d’une recherche peut être partagée.",
    filter_roles: "Filtrer les postes",
    search_roles: "Rechercher un poste",
    search_hint: "N’importe quel mot de la page d’un poste, par exemple «\u{a0}données\u{a0}», «\u{a0}télétravail\u{a0}» ou «\u{a0}Ruby\u{a0}».",
    filters: "Filtres",
    filters_set: |n| {
        if n == 1 {
            " (1 choisi)".to_owned()
        } else {
            format!(" ({n} choisis)")
        }
    },
    all_teams: "Toutes les équipes",
    all_levels: "Tous les niveaux",
    all_locations: "Tous les lieux",
    remote: "À distance",
    all_roles: "Tous les postes",
    from_hint: "Là où vous vivez. Les postes qui ne disent pas d’où l’on peut postuler ne sont pas affichés.",
    min_salary: "Salaire minimum",
    min_salary_hint: "Un montant annuel, par exemple 45000. Les postes sans salaire qu’il puisse comparer suivent les résultats, sous leur propre titre.",
    sort_by: "Trier par",
    sort_labels: [
        "Pertinence",
        "Les plus récents",
        "Clôture la plus proche",
        "Salaire le plus élevé",
    ],
    by_team: "Par équipe",
    best_matches_first: "Les plus pertinents d’abord",
    heading_roles: |total, filtered| {
        let plural = if total > 1 { "s" } else { "" };
        if filtered {
            format!("{total}\u{a0}poste{plural}")
        } else {
            format!("{total}\u{a0}poste{plural} ouvert{plural}")
        }
    },
    heading_matching: |q| format!(" correspondant à «\u{a0}{q}\u{a0}»"),
    heading_team: |team| format!(", équipe {team}"),
    heading_level: |level| format!(", niveau {level}"),
    heading_location: |place| format!(", lieu\u{a0}: {place}"),
    heading_from: |place| format!(", candidatures depuis {place}"),
    heading_paying: |min| format!(", à partir de {min}"),
    heading_page: |page, pages| format!(" – page {page} sur {pages}"),
    or: " ou ",
    open_count: |total, upcoming| {
        let open = total.saturating_sub(upcoming);
        let roles = if open > 1 {
            "postes ouverts"
        } else {
            "poste ouvert"
        };
        match upcoming {
            0 => format!("{open}\u{a0}{roles}"),
            n => format!("{open}\u{a0}{roles}, {n} bientôt ouverts"),
        }
    },
    match_count: |total| match total {
        0 | 1 => format!("{total}\u{a0}poste correspond à votre recherche"),
        n => format!("{n}\u{a0}postes correspondent à votre recherche"),
    },
    show_roles: "Afficher les postes",
    clear_filters: "Effacer les filtres",
    has_closed: "est clos\u{a0}: il ne reçoit plus de candidatures. Sa page en dit plus",
    has_closed_below: "\u{a0}; les postes ci-dessous sont ouverts",
    did_you_mean: "Vouliez-vous dire",
    question_mark: "\u{a0}?",
    no_match: "Aucun poste ne correspond à votre recherche",
    no_match_hint: "Essayez avec moins de mots ou d’autres mots, ou retirez un filtre.",
    see_all_open: "Voir tous les postes ouverts",
    pages: "Pages",
    previous_page: "Page précédente",
    next_page: "Page suivante",
    follow_heading: "Suivre ces postes",
    follow_text: "Un flux annonce les nouveaux postes dès leur publication\u{a0}: collez son adresse dans un lecteur de flux (une application ou un site qui rassemble les nouveautés de nombreux sites) et les nouveaux postes y apparaîtront, sans créer de compte ici.",
    follow_text_filtered: "Un flux annonce les nouveaux postes dès leur publication\u{a0}: collez son adresse dans un lecteur de flux (une application ou un site qui rassemble les nouveautés de nombreux sites) et les nouveaux postes correspondant à cette recherche y apparaîtront, sans créer de compte ici.",
    feed_of_these: "Flux de ces postes (Atom)",
    feed_of_all: "Flux de tous les postes ouverts (Atom)",
    same_as_json_feed: "Le même flux en JSON Feed",
    by_email: "Recevoir les nouveaux postes par courriel",
    career_paths: "Évolutions de carrière",
    matches: "Correspond\u{a0}:",
    opens: "Ouvre le",
    opening_soon: "Ouvre bientôt",
    closes: "Clôture",
    hiring_description: |at| {
        format!("Comment nous recrutons{at}\u{a0}: ce qui se passe après votre candidature.")
    },
    a11y_description: "Comment ce site d’offres d’emploi fonctionne pour les personnes qui l’utilisent de différentes manières.",
    a11y_lede: "Comment ce site d’offres d’emploi fonctionne pour les personnes qui l’utilisent de différentes manières.",
    a11y_lede_org: |org| {
        format!(
            "Comment ce site d’offres d’emploi fonctionne pour les personnes qui l’utilisent de différentes manières, et ce que {org} déclare à son sujet."
        )
    },
    a11y_built: "Comment le site est construit",
    a11y_points: [
        "Les pages sont en HTML simple et sémantique\u{a0}: titres dans l’ordre, listes, repères de navigation et une étiquette pour chaque champ de formulaire.",
        "Tout fonctionne sans JavaScript. Rechercher, filtrer et trier les postes se fait avec des formulaires et des liens ordinaires.",
        "Les pages s’adaptent à un écran de 320 pixels de large et s’utilisent entièrement au clavier.",
        "Chaque version est vérifiée avec le moteur d’accessibilité axe dans un navigateur, en largeur téléphone et ordinateur.",
    ],
    a11y_compliance_heading: "État de conformité",
    a11y_compliance: [
        "totalement conforme",
        "partiellement conforme",
        "non conforme",
    ],
    a11y_compliance_with: |how, standard| match standard {
        Some(standard) => format!("Ce site est {how} au référentiel {standard}."),
        None => {
            format!("Ce site est {how} aux règles pour l’accessibilité des contenus web (WCAG).")
        }
    },
    a11y_known_issues: "Contenus non accessibles",
    a11y_report_heading: "Signaler un problème",
    a11y_report_text: "Si quelque chose sur ce site ne fonctionne pas pour vous, ou si vous avez besoin des informations d’un poste dans un autre format, écrivez à",
    a11y_reviewed: |day| format!("Cette déclaration a été revue pour la dernière fois le {day}."),
    not_found: "Page introuvable",
    not_found_text: "Nous n’avons pas trouvé cette page. Le poste a peut-être été renommé ou clos, ou le lien contient une faute de frappe.",
    went_wrong: "Une erreur s’est produite",
    went_wrong_text: "Nous ne pouvons pas afficher cette page pour le moment. Veuillez réessayer dans un instant.",
    search_open_roles: "Rechercher parmi les postes ouverts",
    search: "Rechercher",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let d = jiff::civil::date(2026, 10, 1);
        assert_eq!(EN.date(d), "1 October 2026");
        assert_eq!(FR.date(d), "1er octobre 2026");
        assert_eq!(FR.date(jiff::civil::date(2026, 8, 15)), "15 août 2026");
    }

    #[test]
    fn a_tag_picks_its_language_and_anything_else_is_english() {
        let is = |tag: Option<&str>, words: &Words| std::ptr::eq(Words::for_lang(tag), words);
        assert!(is(Some("fr-CA"), &FR) && is(Some("FR"), &FR));
        assert!(is(Some("de"), &EN) && is(None, &EN));
    }
}
