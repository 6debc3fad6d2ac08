//! The per-message details of a complaint or feedback report (RFC 5965 ARF, with the RFC 6591
//! authentication-failure fields).

use super::bounce::MailDate;

/// What a feedback report says about the message it complains of, beside the per-recipient
/// records (which carry the complained-about addresses).
///
/// Field values are kept as written (unfolded); names are the RFC 5965 field names. Reports
/// that are not ARF (provider complaint mails, unsubscribe requests) fill what they can.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FeedbackReport {
    /// `Feedback-Type`, lowercase: `abuse`, `fraud`, `virus`, `other`, `not-spam` (RFC 6430),
    /// `auth-failure` (RFC 6591), or the older `opt-out`.
    pub feedback_type: Option<String>,
    /// `User-Agent`: the software that wrote the report.
    pub user_agent: Option<String>,
    /// `Version` of the report format.
    pub version: Option<String>,
    /// `Source-IP`: the address the reported message came from.
    pub source_ip: Option<String>,
    /// `Original-Mail-From`: the envelope sender of the reported message.
    pub original_mail_from: Option<String>,
    /// `Original-Rcpt-To`: the envelope recipients of the reported message, as written.
    pub original_rcpt_to: Vec<String>,
    /// `Arrival-Date` (or the older `Received-Date`): when the reporter received the message.
    pub arrival_date: Option<MailDate>,
    /// `Reported-Domain`: the domains the report is about.
    pub reported_domains: Vec<String>,
    /// `Reported-URI`: the URIs the report is about.
    pub reported_uris: Vec<String>,
    /// `Authentication-Results` as the reporter evaluated them.
    pub authentication_results: Vec<String>,
    /// `Auth-Failure` of an `auth-failure` report: `dkim`, `spf`, `dmarc`, `adsp`, …
    pub auth_failure: Option<String>,
    /// `Delivery-Result` of an `auth-failure` report: `delivered`, `spam`, `policy`, `reject`, …
    pub delivery_result: Option<String>,
    /// `Incidents`: how many similar messages the report stands for.
    pub incidents: Option<u32>,
}

/// A message disposition notification (RFC 8098): what the recipient's mail program did with
/// the message — usually a read receipt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Disposition {
    /// The disposition type, lowercase: `displayed`, `deleted`, `dispatched`, `processed`.
    pub disposition_type: String,
    /// `manual-action` or `automatic-action`, when given.
    pub action_mode: Option<String>,
    /// `mdn-sent-manually` or `mdn-sent-automatically`, when given.
    pub sending_mode: Option<String>,
    /// Modifiers after the type (`error`, …), lowercase.
    pub modifiers: Vec<String>,
    /// `Final-Recipient`: the address the notification is about.
    pub final_recipient: Option<String>,
    /// `Original-Message-ID` of the message it reports on, without angle brackets.
    pub original_message_id: Option<String>,
    /// `Reporting-UA`: the mail program that wrote it.
    pub reporting_ua: Option<String>,
}
