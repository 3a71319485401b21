//! portfolio-audit: audits Python project repositories the way a hiring
//! reviewer would, against rule packs written as TOML.
//!
//! The flow runs one way: discover → gather facts once → evaluate pure rules
//! → collect → render.

pub mod app;
pub mod audit;
pub mod baseline;
pub mod cache;
pub mod calibrate;
pub mod config;
pub mod discover;
pub mod error;
pub mod facts;
pub mod fixture;
pub mod github;
pub mod model;
pub mod remote;
pub mod report;
pub mod rules;
pub mod source;

// The score and portfolio arithmetic moved into the result model; these
// paths stay for the code that names them.
pub use model::{portfolio, score};
