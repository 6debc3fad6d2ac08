//! The typed model: what a notice says, independent of how it was written.
//!
//! This module depends on nothing else in the crate.

mod authenticity;
mod bounce;
mod failure_kind;
mod feedback;
mod header_list;
mod report;
mod responsibility;
mod status;
pub(crate) mod verp;

pub use authenticity::{Authenticity, Signal, SignalOutcome, Verdict};
pub use bounce::{Action, Bounce, MailDate, Permanence, SmtpCommand};
pub use failure_kind::{FailureKind, ParseFailureKindError, RecommendedAction};
pub use feedback::{Disposition, FeedbackReport};
pub use report::{EspEvent, NoticeKind, OriginalMessage, Report};
pub use responsibility::Responsibility;
pub use status::{ParseStatusCodeError, StatusClass, StatusCode};
