//! The listing's `?sort=` orders: best match, newest, closing soonest,
//! highest pay. Roles that lack what an order sorts by (no `posted` date, no
//! closing date, no yearly pay) follow the others in their listing order:
//! nothing is guessed to place them.

use std::cmp::Reverse;

use jiff::civil::Date;

use crate::role::model::{Period, Role};

/// An order the listing can be sorted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Best match first with a search; the listing's own order without.
    Relevance,
    /// Most recently posted first.
    Newest,
    /// Soonest closing date first.
    Closing,
    /// Highest yearly pay first (the top of a role's highest band).
    Pay,
}

impl Sort {
    /// Every order, as the form offers them.
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::Closing, Sort::Pay];

    /// The order a `sort` parameter names, if any (any letter case).
    pub fn parse(value: &str) -> Option<Sort> {
        Sort::ALL
            .into_iter()
            .find(|s| s.value().eq_ignore_ascii_case(value.trim()))
    }

    /// The parameter's value.
    pub fn value(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Closing => "closing",
            Sort::Pay => "pay",
        }
    }

    /// What the form calls it.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "Best match",
            Sort::Newest => "Newest first",
            Sort::Closing => "Closing soonest",
            Sort::Pay => "Highest pay",
        }
    }

    /// Reorders `found` (indexes into `roles`) in place; stable, so ties and
    /// roles without the value keep the order they came in. An upcoming
    /// role's `posted` is when it opens, not when it was posted, so newest
    /// first puts it with the undated ones.
    pub fn apply(self, found: &mut [usize], roles: &[&Role], today: Date) {
        let role = |i: &usize| roles.get(*i).copied();
        match self {
            Sort::Relevance => {}
            Sort::Newest => found.sort_by_key(|i| {
                let posted = role(i).and_then(|r| crate::site::pages::views::posted(r, today));
                (posted.is_none(), Reverse(posted))
            }),
            Sort::Closing => found.sort_by_key(|i| {
                let closes = role(i).and_then(|r| r.meta.closes);
                (closes.is_none(), closes)
            }),
            Sort::Pay => found.sort_by_key(|i| {
                let top = role(i).and_then(top_yearly_pay);
                (top.is_none(), Reverse(top))
            }),
        }
    }
}

/// The most a role pays a year (`u64::MAX` for an open-ended band), if it
/// states yearly pay at all.
fn top_yearly_pay(role: &Role) -> Option<u64> {
    role.salary
        .iter()
        .filter(|b| b.period() == Period::Year)
        .map(|b| b.max().unwrap_or(u64::MAX))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(front: &str) -> Role {
        let text = format!("---\n{front}\n---\n# A role\n\nWork.\n");
        crate::role::load::roles_from_texts(&[("role.md", &text)])
            .pop()
            .unwrap_or_else(|| panic!("{front} did not parse"))
    }

    #[test]
    fn orders_put_roles_without_the_value_last_in_their_order() {
        let roles = [
            role("posted: 2026-01-05"),
            role("salary: \"£40,000 - £50,000\""),
            role("posted: 2026-03-01\nsalary: \"£70,000\""),
            role("closes: 2026-12-20"),
        ];
        let refs: Vec<&Role> = roles.iter().collect();
        let sorted = |sort: Sort| {
            let mut found = vec![0, 1, 2, 3];
            sort.apply(&mut found, &refs, jiff::civil::date(2026, 11, 23));
            found
        };
        assert_eq!(sorted(Sort::Relevance), [0, 1, 2, 3]);
        assert_eq!(sorted(Sort::Newest), [2, 0, 1, 3]);
        assert_eq!(sorted(Sort::Pay), [2, 1, 0, 3]);
        assert_eq!(sorted(Sort::Closing)[0], 3);
    }

    #[test]
    fn values_read_in_any_case_and_unknown_ones_are_none() {
        assert_eq!(Sort::parse("Newest"), Some(Sort::Newest));
        assert_eq!(Sort::parse("pay"), Some(Sort::Pay));
        assert_eq!(Sort::parse("cheapest"), None);
    }
}
