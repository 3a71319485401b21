//! The result model: what an audit concluded, below every renderer.
//!
//! Outcomes and their typed evidence, a repository's report, the score and
//! fix-gain arithmetic, and the portfolio verdict live here. The audit
//! builds these; renderers in `report/` only read them, and nothing here
//! knows about any output format.

pub mod fixes;
pub mod guides;
pub mod identity;
pub mod outcome;
pub mod portfolio;
pub mod recorded;
pub mod report;
pub mod score;

pub use fixes::{points, top_fixes};
pub use identity::Identity;
pub use outcome::{Evidence, Location, Outcome, Severity, Status};
pub use recorded::Recorded;
pub use report::{Ignored, ProfileChoice, RepoReport};
pub use score::{Cap, FamilyScore, Score};
