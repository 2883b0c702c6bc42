//! Writes a synthetic catalogue of role files for benchmarks and load tests.
//!
//! ```text
//! cargo run --release --example gen_roles -- N OUTDIR [SEED]
//! ```
//!
//! Each file is 5-10 KB of Markdown in one of the shapes people really write:
//! with or without YAML front matter, six levels (Associate to Head of), many
//! teams and disciplines, salary as bands, prose, an open-ended amount, a day
//! rate or front matter, 0-20 expectations (flat, grouped or as a list),
//! required and optional experience in separate sections or one section, and
//! free sections the parser does not know. Role `i` depends only on the seed
//! and `i`, so a catalogue of 100 is a prefix of a catalogue of 10,000. Links
//! to other roles only point at lower numbers, so every prefix is link-clean:
//! `careers check` reports no errors and no warnings on any output.
//!
//! The benches include this file (`#[path] mod gen_roles`), so the generator
//! has one copy.

use std::fmt::Write as _;
use std::path::PathBuf;

/// The seed used when none is given.
pub(crate) const DEFAULT_SEED: u64 = 7;

/// A tiny deterministic PRNG (splitmix64): no crate, same output everywhere.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for n this small.
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// `k` distinct items, in random order.
    pub(crate) fn sample<'a, T: ?Sized>(&mut self, items: &[&'a T], k: usize) -> Vec<&'a T> {
        let mut pool: Vec<&'a T> = items.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

/// Mixes the seed and a role number into an independent stream.
fn stream(seed: u64, i: usize, salt: u64) -> Rng {
    let mut r = Rng::new(seed ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let base = r.next_u64();
    Rng::new(base ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

const LEVELS: &[&str] = &["Associate", "Mid", "Senior", "Lead", "Principal", "Head of"];
/// Relative frequency of each level, in `LEVELS` order.
const LEVEL_WEIGHTS: &[usize] = &[12, 26, 30, 16, 9, 7];

/// Discipline, the function it belongs to ("Head of ..."), and its skills.
struct Discipline {
    name: &'static str,
    function: &'static str,
    skills: &'static [&'static str],
}

const DISCIPLINES: &[Discipline] = &[
    Discipline {
        name: "Software Engineer",
        function: "Engineering",
        skills: &[
            "Rust",
            "Go",
            "TypeScript",
            "Python",
            "Kotlin",
            "PostgreSQL",
            "event-driven systems",
            "HTTP APIs",
            "test-driven development",
            "pair programming",
            "continuous delivery",
            "domain modelling",
        ],
    },
    Discipline {
        name: "Frontend Engineer",
        function: "Engineering",
        skills: &[
            "TypeScript",
            "semantic HTML",
            "CSS layout",
            "progressive enhancement",
            "accessibility (WCAG 2.2)",
            "web performance budgets",
            "design systems",
            "React",
            "server-side rendering",
        ],
    },
    Discipline {
        name: "Mobile Engineer",
        function: "Engineering",
        skills: &[
            "Swift",
            "Kotlin",
            "offline-first data sync",
            "app store releases",
            "crash reporting",
            "accessibility on mobile",
            "feature flags",
        ],
    },
    Discipline {
        name: "Platform Engineer",
        function: "Platform",
        skills: &[
            "Kubernetes",
            "Terraform",
            "observability",
            "incident response",
            "CI pipelines",
            "Linux",
            "networking",
            "cost management in a public cloud",
        ],
    },
    Discipline {
        name: "Site Reliability Engineer",
        function: "Platform",
        skills: &[
            "service level objectives",
            "on-call rotas",
            "capacity planning",
            "Prometheus",
            "chaos experiments",
            "postmortems without blame",
            "Linux performance tools",
        ],
    },
    Discipline {
        name: "Security Engineer",
        function: "Security",
        skills: &[
            "threat modelling",
            "secure code review",
            "identity and access management",
            "vulnerability management",
            "ISO 27001",
            "cloud security posture",
            "incident handling",
        ],
    },
    Discipline {
        name: "Data Engineer",
        function: "Data",
        skills: &[
            "SQL",
            "Python",
            "Apache Spark",
            "dbt",
            "Airflow",
            "data modelling",
            "streaming pipelines",
            "data quality testing",
            "columnar warehouses",
        ],
    },
    Discipline {
        name: "Data Scientist",
        function: "Data",
        skills: &[
            "statistics",
            "experiment design",
            "Python",
            "causal inference",
            "forecasting",
            "explaining models to non-specialists",
            "SQL",
        ],
    },
    Discipline {
        name: "Machine Learning Engineer",
        function: "Data",
        skills: &[
            "model serving",
            "feature stores",
            "PyTorch",
            "evaluation harnesses",
            "MLOps",
            "GPU scheduling",
            "responsible AI reviews",
        ],
    },
    Discipline {
        name: "Product Manager",
        function: "Product",
        skills: &[
            "discovery",
            "roadmapping",
            "outcome-based planning",
            "stakeholder management",
            "prioritisation",
            "product analytics",
            "writing clear problem statements",
        ],
    },
    Discipline {
        name: "Delivery Manager",
        function: "Delivery",
        skills: &[
            "agile delivery",
            "Scrum",
            "Kanban",
            "risk management",
            "budget tracking",
            "facilitation",
            "removing blockers",
            "service assessments",
        ],
    },
    Discipline {
        name: "Business Analyst",
        function: "Delivery",
        skills: &[
            "requirements analysis",
            "process mapping",
            "user stories",
            "acceptance criteria",
            "workshop facilitation",
            "benefits realisation",
        ],
    },
    Discipline {
        name: "Content Designer",
        function: "Design",
        skills: &[
            "plain English",
            "content patterns",
            "editing",
            "content audits",
            "research-led content decisions",
            "style guides",
        ],
    },
    Discipline {
        name: "Interaction Designer",
        function: "Design",
        skills: &[
            "prototyping in code",
            "Figma",
            "design systems",
            "usability testing",
            "accessibility",
            "journey mapping",
        ],
    },
    Discipline {
        name: "Service Designer",
        function: "Design",
        skills: &[
            "service blueprints",
            "end-to-end journeys",
            "policy and operations",
            "co-design workshops",
            "systems thinking",
        ],
    },
    Discipline {
        name: "User Researcher",
        function: "Research",
        skills: &[
            "qualitative interviews",
            "usability testing",
            "research with people with access needs",
            "synthesis",
            "research operations",
            "survey design",
        ],
    },
    Discipline {
        name: "Technical Architect",
        function: "Architecture",
        skills: &[
            "architecture decision records",
            "integration patterns",
            "cloud migration",
            "legacy modernisation",
            "security by design",
            "cost modelling",
        ],
    },
    Discipline {
        name: "Quality Engineer",
        function: "Engineering",
        skills: &[
            "test automation",
            "exploratory testing",
            "contract tests",
            "performance testing",
            "accessibility testing",
            "test strategy",
        ],
    },
    Discipline {
        name: "Performance Analyst",
        function: "Data",
        skills: &[
            "web analytics",
            "dashboards",
            "key performance indicators",
            "A/B testing",
            "Looker",
            "telling stories with data",
        ],
    },
    Discipline {
        name: "Technical Writer",
        function: "Product",
        skills: &[
            "API reference documentation",
            "docs as code",
            "information architecture",
            "tutorials",
            "editing engineers' drafts",
        ],
    },
    Discipline {
        name: "Bid Manager",
        function: "Sales",
        skills: &[
            "public sector procurement",
            "bid writing",
            "pricing",
            "frameworks such as G-Cloud",
            "managing contributors to deadlines",
        ],
    },
    Discipline {
        name: "Account Director",
        function: "Sales",
        skills: &[
            "client relationships",
            "account planning",
            "commercial negotiation",
            "pipeline forecasting",
            "public sector buying",
        ],
    },
];

const TEAMS: &[&str] = &[
    "Payments",
    "Identity",
    "Platform",
    "Data",
    "Design",
    "Mobile",
    "Growth",
    "Search",
    "Billing",
    "Trust and Safety",
    "Public Sector",
    "Health",
    "Education",
    "Infrastructure",
    "Customer Experience",
    "Insights",
    "Security",
    "Developer Experience",
    "Marketplace",
    "Logistics",
    "Energy",
    "Housing",
    "Justice",
    "Transport",
];

const PLACES: &[&str] = &[
    "London",
    "Bristol",
    "Manchester",
    "Leeds",
    "Edinburgh",
    "Glasgow",
    "Cardiff",
    "Birmingham",
    "Belfast",
    "Newcastle",
    "Swansea",
    "Sheffield",
];

const EMPLOYMENT: &[&str] = &[
    "Full-time",
    "Full-time, permanent",
    "Part-time (3 or 4 days)",
    "Fixed-term (12 months)",
    "Contract",
];

const VERBS: &[&str] = &[
    "design",
    "build",
    "run",
    "improve",
    "measure",
    "simplify",
    "shape",
    "ship",
    "support",
    "maintain",
    "test",
    "document",
    "review",
    "plan",
    "research",
    "prototype",
];

const OBJECTS: &[&str] = &[
    "the services that thousands of people use every day",
    "our public APIs",
    "the data platform behind our reporting",
    "a design system shared by twelve teams",
    "the onboarding journey for new customers",
    "internal tools that save our operations team hours a week",
    "the pipelines that move data between our partners",
    "a new product from first prototype to general availability",
    "the mobile apps that field staff rely on",
    "the shared hosting platform",
    "accessible forms for a national service",
    "search across millions of records",
    "the billing engine and its reconciliation jobs",
    "monitoring and alerting for critical journeys",
];

const CONTEXTS: &[&str] = &[
    "in a small multidisciplinary team",
    "alongside designers, researchers and product managers",
    "with a lot of autonomy and clear goals",
    "in the open, with code published under an open licence",
    "for clients in health, education and local government",
    "with a strong culture of pairing and review",
    "at a sustainable pace",
    "using evidence from research and analytics",
    "with a focus on accessibility and inclusion",
    "while coaching less experienced colleagues",
];

const CUSTOMERS: &[&str] = &[
    "patients and clinicians",
    "small businesses",
    "students and teachers",
    "tenants and landlords",
    "drivers and fleet operators",
    "energy suppliers",
    "citizens applying for benefits",
    "courts and tribunals",
    "retailers",
    "charities",
];

const OUTCOMES: &[&str] = &[
    "fewer failed applications",
    "faster decisions",
    "lower running costs",
    "services that work for everyone",
    "happier support teams",
    "shorter lead times",
    "fewer incidents",
    "better data for decision making",
];

const EXPECTATION_TITLES: &[&str] = &[
    "Own the quality of what you ship",
    "Make decisions with evidence",
    "Coach and mentor others",
    "Keep the team's work visible",
    "Work at a sustainable pace",
    "Raise risks early",
    "Improve how we work",
    "Build security in from the start",
    "Automate repetitive tasks",
    "Share knowledge across the organisation",
    "Write things down",
    "Understand the user's needs",
    "Take part in hiring",
    "Look after production",
    "Deliver in thin slices",
    "Collaborate with other disciplines",
    "Be considerate of the client's context",
    "Keep the cost of change low",
    "Lead by example",
    "Represent us in the community",
    "Plan releases with the team",
    "Handle legacy systems with care",
    "Contribute to practice development",
    "Review the work of others kindly",
    "Look after your own learning",
];

const BENEFITS: &[&str] = &[
    "30 days holiday plus bank holidays",
    "A learning budget of £1,500 a year and five days to use it",
    "Flexible working hours and a four-day week on request",
    "Employer pension contribution of 8%",
    "Private medical insurance, with cover for your family",
    "Enhanced parental leave of 26 weeks at full pay",
    "A home office allowance when you join",
    "Cycle to work scheme",
    "An annual profit share for everyone",
    "Sabbatical of four weeks after five years",
    "Employee assistance programme and mental health first aiders",
    "Volunteering days for causes you care about",
    "Electric car scheme through salary sacrifice",
    "Regular team away days",
];

const FREE_HEADINGS: &[&str] = &[
    "How we work",
    "Our tech",
    "A day in the life",
    "About the team",
    "Who you will work with",
    "Growing with us",
    "Diversity and inclusion",
    "Working hours and flexibility",
    "Travel",
];

/// Name, title, level word and discipline of role `i`: all another role
/// needs in order to link to it.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub(crate) file_name: String,
    pub(crate) title: String,
    pub(crate) level: &'static str,
    pub(crate) level_index: usize,
    discipline: usize,
    pub(crate) team: &'static str,
    /// Whether the title says its level (else the file name does).
    level_in_title: bool,
    /// Whether the title names the team ("..., Payments"); such roles always
    /// state their team, as an author who names it in the title would.
    names_team: bool,
}

fn weighted_level(r: &mut Rng) -> usize {
    let total: usize = LEVEL_WEIGHTS.iter().sum();
    let mut x = r.below(total);
    for (i, w) in LEVEL_WEIGHTS.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    0
}

/// `Senior Data Engineer, Payments` -> `senior-data-engineer-payments`.
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The identity of role `i`; independent of every other role.
pub(crate) fn identity(seed: u64, i: usize) -> Identity {
    let mut r = stream(seed, i, 1);
    let level_index = weighted_level(&mut r);
    let level = LEVELS[level_index];
    let discipline = r.below(DISCIPLINES.len());
    let d = &DISCIPLINES[discipline];
    let team = r.pick(TEAMS);
    let role_name = if level == "Head of" {
        // "Head of Engineering, Payments" or "Head of Data".
        d.function.to_owned()
    } else {
        d.name.to_owned()
    };
    let form = r.below(10);
    let names_team = form <= 4;
    let qualified = match form {
        0..=3 => format!("{role_name}, {team}"),
        4 => format!("{role_name} ({team})"),
        _ => role_name,
    };
    // One in ten titles leaves the level to the file name (`mid_data_engineer.md`).
    let level_in_title = level == "Head of" || !r.chance(10);
    let title = if level_in_title {
        format!("{level} {qualified}")
    } else {
        qualified.clone()
    };
    let stem = slugify(&format!("{level} {qualified}"));
    let file_name = match r.below(10) {
        0..=5 => format!("{stem}-{i:05}.md"),
        6..=8 => format!("{}_{i:05}.md", stem.replace('-', "_")),
        // Capitalised words, as some people save files.
        _ => {
            let words: Vec<String> = stem
                .split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            format!("{}_{i:05}.md", words.join("_"))
        }
    };
    Identity {
        file_name,
        title,
        level,
        level_index,
        discipline,
        team,
        level_in_title,
        names_team,
    }
}

/// Salary band in pounds for a level, rounded to £500.
fn band_for(r: &mut Rng, level_index: usize) -> (u64, u64) {
    const BASE: [(u64, u64); 6] = [
        (26_000, 36_000),
        (38_000, 52_000),
        (55_000, 72_000),
        (70_000, 88_000),
        (85_000, 105_000),
        (95_000, 125_000),
    ];
    let (lo, hi) = BASE[level_index];
    let min = lo + (r.below(((hi - lo) / 500) as usize) as u64) * 500;
    let spread = 8_000 + (r.below(40) as u64) * 500;
    (min, min + spread)
}

fn money(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("£{out}")
}

fn weighted(n: u64, percent: u64) -> u64 {
    (n * (100 + percent) / 100).div_ceil(500) * 500
}

/// A YAML double-quoted string.
fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// One sentence of plausible prose.
fn sentence(r: &mut Rng, id: &Identity, skills: &[&str]) -> String {
    let skill = r.pick(skills);
    match r.below(9) {
        0 => format!(
            "You will {} {} {}.",
            r.pick(VERBS),
            r.pick(OBJECTS),
            r.pick(CONTEXTS)
        ),
        1 => format!(
            "The {} team works with {} and measures success by {}.",
            id.team,
            r.pick(CUSTOMERS),
            r.pick(OUTCOMES)
        ),
        2 => format!(
            "Most weeks you will {} {}, and you will have time to get better at {skill}.",
            r.pick(VERBS),
            r.pick(OBJECTS)
        ),
        3 => format!(
            "We care about {} as much as about {skill}, so expect to spend time on both.",
            r.pick(OUTCOMES)
        ),
        4 => format!(
            "{} is part of everyday work here, and we will support you to learn it if it is new to you.",
            capitalise(skill)
        ),
        5 => format!(
            "Our clients include organisations that serve {}, and the work is varied.",
            r.pick(CUSTOMERS)
        ),
        6 => format!(
            "You will {} {} {} and help us reach {}.",
            r.pick(VERBS),
            r.pick(OBJECTS),
            r.pick(CONTEXTS),
            r.pick(OUTCOMES)
        ),
        7 => format!(
            "We use **{skill}** where it fits and prefer boring, well understood tools elsewhere."
        ),
        _ => format!(
            "Read more about how we approach {skill} in [our handbook](https://handbook.example.com/{}).",
            slugify(skill)
        ),
    }
}

fn paragraph(r: &mut Rng, id: &Identity, skills: &[&str], sentences: usize) -> String {
    let parts: Vec<String> = (0..sentences).map(|_| sentence(r, id, skills)).collect();
    parts.join(" ")
}

fn experience_item(r: &mut Rng, skill: &str) -> String {
    match r.below(7) {
        0 => format!("Experience of {skill} in production"),
        1 => format!("Working knowledge of {skill}"),
        2 => format!("Using {skill} to solve real problems for users"),
        3 => format!("Explaining {skill} to people outside your discipline"),
        4 => format!("Confidence with {skill}, or a clear plan to learn it"),
        5 => format!("A track record with {skill} in a regulated environment"),
        _ => format!("Coaching others in {skill}"),
    }
}

fn location_phrase(r: &mut Rng) -> String {
    match r.below(5) {
        0 => "Remote (UK)".to_owned(),
        1 => format!("{} or remote", r.pick(PLACES)),
        2 => {
            let p = r.sample(PLACES, 3);
            format!("{}, {} & {}, UK", p[0], p[1], p[2])
        }
        3 => format!("{}, UK", r.pick(PLACES)),
        _ => {
            let p = r.sample(PLACES, 2);
            format!("{} and {}", p[0], p[1])
        }
    }
}

/// How the salary is written.
enum SalaryShape {
    /// `- UK: £a - £b` lines in a section.
    Bands,
    /// "This role has a salary of £60-75k depending on experience."
    Prose,
    /// `£a - £b (London weighting £c - £d)`.
    Weighting,
    /// `£81,900+`.
    OpenEnded,
    /// `£a - £b basic with OTE`.
    Note,
    /// `£450 - £600 per day`.
    DayRate,
    /// In the key-facts list under the title.
    KeyFacts,
    /// In front matter, as a string.
    FrontString,
    /// In front matter, as a list of bands.
    FrontBands,
    /// Not stated.
    None,
}

/// The text of role `i` and its file name.
#[allow(
    clippy::too_many_lines,
    reason = "one role file written top to bottom, in the order a reader meets it"
)]
pub(crate) fn role_file(seed: u64, i: usize) -> (String, String) {
    let id = identity(seed, i);
    let mut r = stream(seed, i, 2);
    let d = &DISCIPLINES[id.discipline];
    let skills: &[&str] = d.skills;
    let target = r.range(5_200, 9_600);
    let front = r.chance(50);

    let shape = match r.below(100) {
        0..=29 => SalaryShape::Bands,
        30..=39 => SalaryShape::Prose,
        40..=49 => SalaryShape::Weighting,
        50..=53 => SalaryShape::OpenEnded,
        54..=59 => SalaryShape::Note,
        60..=63 => SalaryShape::DayRate,
        64..=73 => SalaryShape::KeyFacts,
        74..=96 if front => {
            if r.chance(50) {
                SalaryShape::FrontString
            } else {
                SalaryShape::FrontBands
            }
        }
        74..=96 => SalaryShape::Bands,
        _ => SalaryShape::None,
    };
    let (min, max) = band_for(&mut r, id.level_index);
    let location = location_phrase(&mut r);
    let employment = if matches!(shape, SalaryShape::DayRate) {
        "Contract"
    } else {
        r.pick(&EMPLOYMENT[..4])
    };

    let mut g = Gen {
        out: String::with_capacity(10_500),
        r,
        id,
        d,
        skills,
        target,
        front,
        shape,
        min,
        max,
        location,
        employment,
        seed,
        i,
    };
    g.front_matter();
    g.preamble();
    g.about();
    g.experience();
    g.expectations();
    g.body_salary();
    g.benefits();
    g.free_sections();
    g.applying();
    (g.id.file_name, g.out)
}

/// One role file being written, section by section, from one random stream
/// (the order of the calls is the order of the draws, so output is stable).
struct Gen {
    out: String,
    r: Rng,
    id: Identity,
    d: &'static Discipline,
    skills: &'static [&'static str],
    target: usize,
    front: bool,
    shape: SalaryShape,
    min: u64,
    max: u64,
    location: String,
    employment: &'static str,
    seed: u64,
    i: usize,
}

impl Gen {
    /// Front matter, for about half the files.
    fn front_matter(&mut self) {
        let Gen {
            out,
            r,
            id,
            d,
            front,
            shape,
            min,
            max,
            location,
            employment,
            i,
            ..
        } = self;
        let (front, min, max, employment, i) = (*front, *min, *max, *employment, *i);
        // Front matter.
        if front {
            out.push_str("---\n");
            if r.chance(30) {
                let _ = writeln!(out, "title: {}", yaml_str(&id.title));
            }
            if id.names_team || r.chance(80) {
                let _ = writeln!(out, "team: {}", yaml_str(id.team));
            }
            if r.chance(40) || !id.level_in_title {
                let _ = writeln!(out, "level: {}", yaml_str(id.level));
            }
            if r.chance(10) {
                let _ = writeln!(out, "discipline: {}", yaml_str(d.name));
            }
            let _ = writeln!(out, "location: {}", yaml_str(location));
            let _ = writeln!(out, "employment_type: {}", yaml_str(employment));
            match shape {
                SalaryShape::FrontString => {
                    let _ = writeln!(out, "salary: \"{} - {}\"", money(min), money(max));
                }
                SalaryShape::FrontBands => {
                    out.push_str("salary:\n");
                    let _ = writeln!(out, "  - location: UK\n    min: {min}\n    max: {max}");
                    let _ = writeln!(
                        out,
                        "  - location: London\n    min: {}\n    max: {}",
                        weighted(min, 8),
                        weighted(max, 8)
                    );
                    if r.chance(30) {
                        let _ = writeln!(
                            out,
                            "  - location: Remote\n    min: {min}\n    max: {max}\n    note: \"plus travel to client sites\""
                        );
                    }
                }
                _ => {}
            }
            if r.chance(6) {
                out.push_str("status: closed\n");
            }
            let _ = writeln!(
                out,
                "posted: 2026-{:02}-{:02}",
                r.range(1, 10),
                r.range(1, 28)
            );
            if r.chance(60) {
                let _ = writeln!(
                    out,
                    "closes: {}-{:02}-{:02}",
                    r.range(2028, 2029),
                    r.range(1, 12),
                    r.range(1, 28)
                );
            }
            if r.chance(30) {
                let _ = writeln!(
                    out,
                    "apply_url: https://jobs.example.com/apply/{}",
                    slugify(&id.title)
                );
            }
            if r.chance(10) {
                let _ = writeln!(out, "aliases: [old-role-{i}, role-{i}-previous]");
            }
            out.push_str("---\n");
        }
    }

    /// The title, key facts or a location line, and the summary.
    fn preamble(&mut self) {
        let Gen {
            out,
            r,
            id,
            skills,
            front,
            shape,
            min,
            max,
            location,
            employment,
            ..
        } = self;
        let (front, min, max, employment) = (*front, *min, *max, *employment);
        // Title and preamble.
        let _ = writeln!(out, "# {}\n", id.title);
        // Without front matter the team comes from a key-facts list, when there is one.
        let key_facts =
            matches!(shape, SalaryShape::KeyFacts) || (!front && (id.names_team || r.chance(40)));
        if key_facts {
            let _ = writeln!(out, "- Location: {location}");
            if !front {
                let _ = writeln!(out, "- Team: {}", id.team);
            }
            let _ = writeln!(out, "- Contract: {employment}");
            if matches!(shape, SalaryShape::KeyFacts) {
                let _ = writeln!(out, "- Salary: {} - {}", money(min), money(max));
            }
            out.push('\n');
        } else if !front && r.chance(70) {
            let _ = writeln!(out, "{location}.\n");
        }
        for _ in 0..r.range(1, 2) {
            let n = r.range(2, 4);
            let _ = writeln!(out, "{}\n", paragraph(r, id, skills, n));
        }
    }

    /// About the role, with links to other roles now and then.
    fn about(&mut self) {
        let Gen {
            out,
            r,
            id,
            skills,
            seed,
            i,
            ..
        } = self;
        let (seed, i) = (*seed, *i);
        // About the role, with links to other roles now and then.
        let about = r.pick(&[
            "What the job involves",
            "About the role",
            "What does the job entail?",
            "Your role",
        ]);
        let _ = writeln!(out, "## {about}\n");
        for _ in 0..r.range(1, 3) {
            let n = r.range(3, 5);
            let _ = writeln!(out, "{}\n", paragraph(r, id, skills, n));
        }
        if i > 0 && r.chance(40) {
            let other = identity(seed, r.below(i));
            let _ = writeln!(
                out,
                "You will work closely with our [{}]({}) and the rest of the {} team.\n",
                other.title, other.file_name, other.team
            );
        }
    }

    /// Required, then optional experience (its own section or inline).
    fn experience(&mut self) {
        let Gen { out, r, skills, .. } = self;
        // Experience: required, then optional (separate section or inline).
        let n_required = r.range(3, 12);
        let n_optional = if r.chance(15) { 0 } else { r.range(1, 8) };
        let mut items: Vec<String> = Vec::new();
        for k in 0..n_required + n_optional {
            let skill = skills[(k + r.below(skills.len())) % skills.len()];
            items.push(experience_item(r, skill));
        }
        let required_heading = r.pick(&[
            "What experience are we looking for?",
            "Skills and experience",
            "What we need from you",
            "Essential experience",
            "What you will need",
        ]);
        let _ = writeln!(out, "## {required_heading}\n");
        if r.chance(50) {
            out.push_str("You will need:\n\n");
        }
        let inline_optional = n_optional > 0 && r.chance(30);
        for (k, item) in items[..n_required].iter().enumerate() {
            let _ = writeln!(out, "- {item}");
            if k == 1 && r.chance(25) {
                let _ = writeln!(out, "  - for example, {}", r.pick(OBJECTS));
            }
        }
        out.push('\n');
        if n_optional > 0 {
            if inline_optional {
                out.push_str(
                "Everything else is optional but highly sought after. We would love you to have:\n\n",
            );
            } else {
                let heading = r.pick(&[
                    "Desirable experience",
                    "Nice to have",
                    "Bonus points",
                    "Desirable skills and experience",
                ]);
                let _ = writeln!(out, "## {heading}\n");
            }
            for item in &items[n_required..] {
                let _ = writeln!(out, "- {item}");
            }
            out.push('\n');
        }
    }

    /// Expectations: 0-20, flat, grouped or as a list.
    fn expectations(&mut self) {
        let Gen {
            out,
            r,
            id,
            d,
            skills,
            ..
        } = self;
        // Expectations: 0-20, flat, grouped or as a list.
        let n_expectations = if r.chance(20) { 0 } else { r.range(1, 20) };
        if n_expectations > 0 {
            let titles = r.sample(EXPECTATION_TITLES, n_expectations);
            let short = d.name.split_whitespace().last().unwrap_or("Team");
            match r.below(10) {
                0..=6 => {
                    out.push_str("## Expectations\n\n");
                    for t in &titles {
                        let _ = writeln!(out, "### {t}\n");
                        if !r.chance(10) {
                            let n = r.range(1, 2);
                            let _ = writeln!(out, "{}\n", paragraph(r, id, skills, n));
                        }
                    }
                }
                7 | 8 => {
                    out.push_str("## Expectations\n\n");
                    let split = titles.len().div_ceil(2);
                    let _ = writeln!(out, "### Core {short} Expectations\n");
                    for t in &titles[..split] {
                        let _ = writeln!(out, "#### {t}\n");
                        let _ = writeln!(out, "{}\n", paragraph(r, id, skills, 1));
                    }
                    if split < titles.len() {
                        let _ = writeln!(out, "### {} {short} Expectations\n", id.level);
                        for t in &titles[split..] {
                            let _ = writeln!(out, "#### {t}\n");
                            let _ = writeln!(out, "{}\n", paragraph(r, id, skills, 1));
                        }
                    }
                }
                _ => {
                    let _ = writeln!(out, "## {} {short} Expectations\n", id.level);
                    for t in &titles {
                        let _ = writeln!(out, "- {t}");
                    }
                    out.push('\n');
                }
            }
        }
    }

    /// Salary in the body, in the shape chosen.
    fn body_salary(&mut self) {
        let Gen {
            out,
            r,
            id,
            shape,
            min,
            max,
            ..
        } = self;
        let (min, max) = (*min, *max);
        // Salary in the body.
        let (lmin, lmax) = (weighted(min, 8), weighted(max, 8));
        match shape {
            SalaryShape::Bands => {
                out.push_str("## Salary and location\n\n");
                let p = r.sample(PLACES, 3);
                let _ = writeln!(
                    out,
                    "We work mainly remotely, with offices in {}, {} and {}.\n",
                    p[0], p[1], p[2]
                );
                let _ = writeln!(out, "- UK: {} - {}", money(min), money(max));
                let _ = writeln!(out, "- London: {} - {}", money(lmin), money(lmax));
                if r.chance(30) {
                    let _ = writeln!(
                        out,
                        "- Scotland: {} - {}",
                        money(min.saturating_sub(1_000)),
                        money(max.saturating_sub(1_000))
                    );
                }
                out.push('\n');
            }
            SalaryShape::Prose => {
                out.push_str("## Salary\n\n");
                let _ = writeln!(
                    out,
                    "This role has a salary of £{}-{}k depending on experience.\n",
                    min / 1000,
                    max / 1000
                );
            }
            SalaryShape::Weighting => {
                out.push_str("## Salary\n\n");
                let _ = writeln!(
                    out,
                    "{} - {} (London weighting {} - {})\n",
                    money(min),
                    money(max),
                    money(lmin),
                    money(lmax)
                );
            }
            SalaryShape::OpenEnded => {
                out.push_str("## Pay\n\n");
                let _ = writeln!(out, "{}+ depending on experience\n", money(min));
            }
            SalaryShape::Note => {
                out.push_str("## Compensation\n\n");
                let _ = writeln!(out, "{} - {} basic with OTE\n", money(min), money(max));
            }
            SalaryShape::DayRate => {
                out.push_str("## Salary\n\n");
                let rate = 350 + 50 * id.level_index as u64 + 25 * r.below(4) as u64;
                let _ = writeln!(out, "£{rate} - £{} per day, outside IR35\n", rate + 150);
            }
            _ => {}
        }
    }

    /// Benefits.
    fn benefits(&mut self) {
        let Gen { out, r, .. } = self;
        // Benefits.
        let _ = writeln!(out, "## What we will provide you\n");
        let n_benefits = r.range(5, 10);
        for b in r.sample(BENEFITS, n_benefits) {
            let _ = writeln!(out, "- {b}");
        }
        out.push('\n');
    }

    /// Free sections until the file reaches its target size.
    fn free_sections(&mut self) {
        let Gen {
            out,
            r,
            id,
            skills,
            target,
            ..
        } = self;
        let target = *target;
        // Free sections until the file reaches its target size; a table now and then.
        let mut free = r.sample(FREE_HEADINGS, FREE_HEADINGS.len()).into_iter();
        let mut table_done = false;
        while out.len() + 400 < target {
            let Some(heading) = free.next() else { break };
            let _ = writeln!(out, "## {heading}\n");
            if !table_done && r.chance(30) {
                table_done = true;
                out.push_str("| Week | What you will do |\n| --- | --- |\n");
                for w in 1..=4 {
                    let _ = writeln!(
                        out,
                        "| {w} | {} {} |",
                        capitalise(r.pick(VERBS)),
                        r.pick(OBJECTS)
                    );
                }
                out.push('\n');
            }
            while out.len() + 250 < target {
                let n = r.range(3, 6);
                let _ = writeln!(out, "{}\n", paragraph(r, id, skills, n));
                if r.chance(35) {
                    break;
                }
            }
        }
    }

    /// How to apply.
    fn applying(&mut self) {
        let Gen { out, r, .. } = self;
        let _ = writeln!(out, "## Applying\n");
        let _ = writeln!(
            out,
            "Send us your CV and a short note about something you have {} that you are proud of. We reply to everyone within ten working days, and we are happy to make adjustments at any stage: tell us what you need.",
            r.pick(&["built", "designed", "improved", "shipped", "researched"])
        );
    }
}

#[allow(dead_code)] // The benches include this file as a module.
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_roles N OUTDIR [SEED]";
    let (Some(n), Some(dir)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("{usage}");
        return std::process::ExitCode::from(2);
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => DEFAULT_SEED,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("{usage}");
            return std::process::ExitCode::from(2);
        }
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    let mut bytes = 0;
    for i in 0..n {
        let (name, text) = role_file(seed, i);
        bytes += text.len();
        if let Err(e) = std::fs::write(dir.join(&name), text) {
            eprintln!("cannot write {name}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    eprintln!(
        "wrote {n} role files ({:.1} MB, seed {seed}) to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    std::process::ExitCode::SUCCESS
}
