//! How much of each role file's text reaches its page, over folders given on
//! the command line (real handbooks kept outside the repository):
//!
//! ```text
//! cargo run --example conservation -- ROLES_DIR [ROLES_DIR ...] [--lost]
//! ```
//!
//! Prints `kept/lines` per folder (lines not on the page but explained by a
//! warning at that line, such as an empty section, count as kept and are
//! also counted apart); `--lost` also lists each line not found, as
//! `file:line: text`. The judging is the `conservation` test's own
//! (`tests/it/conservation/measure.rs`), which holds every fixture folder to
//! 100%.

#[path = "../tests/it/conservation/measure.rs"]
mod measure;

use std::path::Path;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_lost = args.iter().any(|a| a == "--lost");
    let now = jiff::Timestamp::now();
    let (mut kept, mut lines) = (0, 0);
    let mut failed = false;
    for dir in args.iter().filter(|a| !a.starts_with("--")) {
        match measure::measure(Path::new(dir), now) {
            Ok(count) => {
                println!(
                    "{dir}: {}/{} lines kept ({:.1}%); {} of them not shown, with a warning saying why",
                    count.kept + count.explained,
                    count.lines,
                    count.percent(),
                    count.explained,
                );
                if show_lost {
                    for lost in &count.lost {
                        println!("  {}:{}: {}", lost.file, lost.line, lost.text);
                    }
                }
                kept += count.kept + count.explained;
                lines += count.lines;
            }
            Err(e) => {
                eprintln!("{dir}: {e:#}");
                failed = true;
            }
        }
    }
    let all = measure::Count {
        kept,
        lines,
        ..measure::Count::default()
    };
    println!("all: {kept}/{lines} lines kept ({:.1}%)", all.percent());
    if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}
