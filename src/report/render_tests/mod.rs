//! The renderers checked in process, on one representative run
//! (`fixture`): exact snapshots where the output is the contract, and
//! targeted assertions for what a snapshot would hide (escaping, colour,
//! boundaries). The binary-level tests (tests/snapshots.rs, formats.rs,
//! cli.rs...) check the same formats end to end; these build fast enough
//! for cargo-mutants to run them against every mutant of `src/report`.

mod badge;
mod changes;
mod fixture;
mod html;
mod json;
mod junit;
mod markdown;
mod rules_doc;
mod sarif;
mod text;
