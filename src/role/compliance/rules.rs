//! The pay-transparency rules, as data: one row per jurisdiction, saying what
//! a job advert there must state and from when. `docs/pay-law.md` lists the
//! same rows with the statute or guidance each comes from, so a reviewer can
//! check this table against its sources.
//!
//! The sources could not be read from the machine this table was written on
//! (no internet): each row is the statute's known text as of the writer's
//! knowledge, and says so in the docs. Change a row here and there together.

/// Something a job advert must state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Requirement {
    /// The pay, or a range with a top (an open-ended `£80,000+` is neither).
    Pay,
    /// A general description of benefits and other compensation.
    Benefits,
    /// The date applications close.
    ClosingDate,
    /// Whether artificial intelligence screens, assesses or selects applicants.
    AiDisclosure,
    /// Whether the posting is for a vacancy that exists now.
    VacancyStatus,
    /// A job title that names no gender (not "salesman", "chairman").
    NeutralTitle,
    /// No requirement for experience in one country (Ontario: "Canadian experience").
    NoLocalExperience,
}

/// The widest a pay range may be, below a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeLimit {
    /// The most the top may exceed the bottom by.
    pub max_width: u64,
    /// The limit applies only when the range's top is below this.
    pub below_top: u64,
}

/// One jurisdiction's rule for job adverts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jurisdiction {
    /// The short code `site.yaml` and diagnostics use: `us-co`, `ca-on`, `eu`.
    pub code: &'static str,
    /// The name a person reads: "Colorado".
    pub name: &'static str,
    /// What an advert must state.
    pub requires: &'static [Requirement],
    /// How wide a pay range may be, where the law limits it.
    pub range_limit: Option<RangeLimit>,
    /// The date the rule applies from, `YYYY-MM-DD`.
    pub applies_from: &'static str,
    /// The statute or official guidance, short; `docs/pay-law.md` has more.
    pub source: &'static str,
}

use Requirement::{
    AiDisclosure, Benefits, ClosingDate, NeutralTitle, NoLocalExperience, Pay, VacancyStatus,
};

/// Every jurisdiction careers knows, in the order `check` reports them.
pub const JURISDICTIONS: &[Jurisdiction] = &[
    Jurisdiction {
        code: "us-co",
        name: "Colorado",
        requires: &[Pay, Benefits, ClosingDate],
        range_limit: None,
        applies_from: "2021-01-01",
        source: "Colorado Equal Pay for Equal Work Act, C.R.S. 8-5-201; closing date added by SB 23-105 from 2024-01-01",
    },
    Jurisdiction {
        code: "us-ca",
        name: "California",
        requires: &[Pay],
        range_limit: None,
        applies_from: "2023-01-01",
        source: "California Labor Code 432.3(c)(3), as amended by SB 1162",
    },
    Jurisdiction {
        code: "us-wa",
        name: "Washington",
        requires: &[Pay, Benefits],
        range_limit: None,
        applies_from: "2023-01-01",
        source: "RCW 49.58.110, as amended by SB 5761",
    },
    Jurisdiction {
        code: "us-ny",
        name: "New York",
        requires: &[Pay],
        range_limit: None,
        applies_from: "2023-09-17",
        source: "New York Labor Law 194-b",
    },
    Jurisdiction {
        code: "us-il",
        name: "Illinois",
        requires: &[Pay, Benefits],
        range_limit: None,
        applies_from: "2025-01-01",
        source: "Illinois Equal Pay Act of 2003, 820 ILCS 112/10(b-25), added by HB 3129",
    },
    Jurisdiction {
        code: "us-nj",
        name: "New Jersey",
        requires: &[Pay, Benefits],
        range_limit: None,
        applies_from: "2025-06-01",
        source: "New Jersey P.L. 2024, c.91 (S2310), N.J.S.A. 34:11-56a49",
    },
    Jurisdiction {
        code: "us-mn",
        name: "Minnesota",
        requires: &[Pay, Benefits],
        range_limit: None,
        applies_from: "2025-01-01",
        source: "Minnesota Statutes 181.173",
    },
    Jurisdiction {
        code: "us-ma",
        name: "Massachusetts",
        requires: &[Pay],
        range_limit: None,
        applies_from: "2025-10-29",
        source: "Massachusetts G.L. c.149 s.105E (Frances Perkins Workplace Equity Act, 2024)",
    },
    Jurisdiction {
        code: "us-vt",
        name: "Vermont",
        requires: &[Pay],
        range_limit: None,
        applies_from: "2025-07-01",
        source: "Vermont 21 V.S.A. 495o (Act 155 of 2024)",
    },
    Jurisdiction {
        code: "us-md",
        name: "Maryland",
        requires: &[Pay, Benefits],
        range_limit: None,
        applies_from: "2024-10-01",
        source: "Maryland Labor and Employment Article 3-304.2 (SB 525, 2024)",
    },
    Jurisdiction {
        code: "us-hi",
        name: "Hawaii",
        requires: &[Pay],
        range_limit: None,
        applies_from: "2024-01-01",
        source: "Hawaii Revised Statutes 378-2.4 (Act 203 of 2023)",
    },
    Jurisdiction {
        code: "us-dc",
        name: "the District of Columbia",
        requires: &[Pay],
        range_limit: None,
        applies_from: "2024-06-30",
        source: "D.C. Wage Transparency Omnibus Amendment Act of 2023, D.C. Code 32-1453.01",
    },
    Jurisdiction {
        code: "ca-on",
        name: "Ontario",
        requires: &[Pay, AiDisclosure, VacancyStatus, NoLocalExperience],
        range_limit: Some(RangeLimit {
            max_width: 50_000,
            below_top: 200_000,
        }),
        applies_from: "2026-01-01",
        source: "Ontario Employment Standards Act, 2000, Part III.1 (Working for Workers Four and Five Acts, 2024) and O. Reg. 476/24",
    },
    Jurisdiction {
        code: "ca-bc",
        name: "British Columbia",
        requires: &[Pay],
        range_limit: None,
        applies_from: "2023-11-01",
        source: "British Columbia Pay Transparency Act, S.B.C. 2023, c.18, s.3",
    },
    Jurisdiction {
        code: "pl",
        name: "Poland",
        requires: &[Pay, NeutralTitle],
        range_limit: None,
        applies_from: "2025-12-24",
        source: "Polish Labour Code art. 18^3ca-18^3cb, added by the Act of 4 June 2025",
    },
    Jurisdiction {
        code: "eu",
        name: "the EU Pay Transparency Directive",
        requires: &[Pay, NeutralTitle],
        range_limit: None,
        applies_from: "2026-06-07",
        source: "Directive (EU) 2023/970, Article 5(1) and 5(3); transposition due 2026-06-07",
    },
];

/// The jurisdiction with this code, in any case.
pub fn by_code(code: &str) -> Option<&'static Jurisdiction> {
    JURISDICTIONS
        .iter()
        .find(|j| j.code.eq_ignore_ascii_case(code.trim()))
}

/// Every US state and district in the table.
pub fn united_states() -> impl Iterator<Item = &'static Jurisdiction> {
    JURISDICTIONS.iter().filter(|j| j.code.starts_with("us-"))
}

/// Every Canadian province in the table.
pub fn canada() -> impl Iterator<Item = &'static Jurisdiction> {
    JURISDICTIONS.iter().filter(|j| j.code.starts_with("ca-"))
}

impl Jurisdiction {
    /// The date the rule applies from (the table is checked by a test, so a
    /// row that does not read never applies rather than panicking).
    pub fn applies_from(&self) -> Option<jiff::civil::Date> {
        self.applies_from.parse().ok()
    }

    /// Whether the rule applies on `today`.
    pub fn applies_on(&self, today: jiff::civil::Date) -> bool {
        self.applies_from().is_some_and(|from| from <= today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_unique_code_a_date_a_source_and_asks_for_pay() {
        let mut codes = std::collections::HashSet::new();
        for j in JURISDICTIONS {
            assert!(codes.insert(j.code), "{} twice", j.code);
            assert!(j.applies_from().is_some(), "{}: bad date", j.code);
            assert!(!j.source.is_empty() && !j.name.is_empty());
            assert!(j.requires.contains(&Requirement::Pay), "{}", j.code);
        }
        assert_eq!(by_code("US-CO").map(|j| j.name), Some("Colorado"));
        assert_eq!(united_states().count(), 12);
    }
}
