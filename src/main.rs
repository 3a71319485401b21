//! The `portfolio-audit` binary: parse the arguments, hand them to the
//! application layer in the library, turn how it ended into an exit code.

use clap::Parser;
use portfolio_audit::app::{self, cli::Cli, exit};
use std::process::ExitCode;

/// mimalloc, for Rust's allocations and (its `override` feature) for the
/// C libraries' too: a cold audit allocates and frees millions of small
/// blocks (tree-sitter's syntax trees, libgit2's objects and zlib's
/// windows, paths), and glibc's allocator spent about a tenth of the
/// instructions on them. Transparent huge pages are off (`no_thp`): with
/// them, peak memory doubled.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Reviewers audit clones owned by other users. libgit2's ownership check
    // guards against running a stranger's config; we only read objects and
    // never run anything from a repository, so it would only refuse work.
    // SAFETY: called once, before any thread touches libgit2.
    let _ = unsafe { git2::opts::set_verify_owner_validation(false) };
    // Re-hashing every object read cost 6% of a large audit (the profile in
    // BENCHMARKS.md). A damaged object still fails to inflate and is
    // reported; nothing is written, so a mismatched id cannot spread.
    git2::opts::strict_hash_verification(false);
    // What an audit reads must not depend on who runs it: the reviewer's
    // global, XDG and system git config (an include of a FIFO, a
    // `safe.directory`, a core setting) are not searched. The git
    // subprocess for clones is isolated the same way (`remote::git`).
    for level in [
        git2::ConfigLevel::Global,
        git2::ConfigLevel::XDG,
        git2::ConfigLevel::System,
        git2::ConfigLevel::ProgramData,
    ] {
        // SAFETY: called once, before any thread touches libgit2.
        let _ = unsafe { git2::opts::set_search_path(level, "") };
    }
    let ended = match app::run(cli, &mut std::io::stdout()) {
        Ok(ended) => ended,
        Err(err) => {
            let ended = exit::for_error(&err);
            // A closed pipe (`| head`) is the reader's choice: say nothing.
            if !exit::is_broken_pipe(&err) {
                eprintln!("portfolio-audit: error: {err:#}");
            }
            ended
        }
    };
    ExitCode::from(ended.code())
}
