"""The enum classes of the model.

Their values are the core's names (``FailureKind.USER_UNKNOWN.value == "userunknown"``); the
compiled module builds members from those names, and the properties of ``FailureKind`` ask the
compiled module for the core's texts.
"""

from __future__ import annotations

import enum
import sys

from mailbounce import _mailbounce

if sys.version_info >= (3, 11):
    _StrEnum = enum.StrEnum
else:

    class _StrEnum(str, enum.Enum):
        """A string-valued enum whose ``str()`` is its value (``enum.StrEnum`` before 3.11)."""

        def __str__(self) -> str:
            return str(self.value)


class NoticeKind(_StrEnum):
    """What a message is, as a delivery notice."""

    FAILURE = "failure"
    DELAY = "delay"
    SUCCESS = "success"
    AUTO_REPLY = "auto_reply"
    FEEDBACK = "feedback"
    READ_RECEIPT = "read_receipt"
    CHALLENGE = "challenge"
    VIRUS_ALERT = "virus_alert"
    NOT_A_NOTICE = "not_a_notice"


class Responsibility(_StrEnum):
    """Who must act for mail to a recipient to work again."""

    RECIPIENT = "recipient"
    SENDER = "sender"
    TRANSIENT = "transient"
    UNKNOWN = "unknown"
    NOT_A_FAILURE = "not_a_failure"


class Permanence(_StrEnum):
    """Whether a failure will pass."""

    PERMANENT = "permanent"
    TRANSIENT = "transient"
    NOT_A_FAILURE = "not_a_failure"


class RecommendedAction(_StrEnum):
    """What the sender should do about a record."""

    SUPPRESS_RECIPIENT = "suppress_recipient"
    RETRY_LATER = "retry_later"
    FIX_SENDING_SETUP = "fix_sending_setup"
    FIX_CONTENT = "fix_content"
    CONTACT_RECIPIENT = "contact_recipient"
    REVIEW_MANUALLY = "review_manually"
    STOP_SENDING_COMPLAINT = "stop_sending_complaint"
    NO_ACTION = "no_action"


class FailureKind(_StrEnum):
    """Why a message to one recipient failed, or what non-failure the notice reports.

    The values are the reason names shared with Sisimai.
    """

    USER_UNKNOWN = "userunknown"
    HOST_UNKNOWN = "hostunknown"
    HAS_MOVED = "hasmoved"
    SUSPENDED = "suspend"
    MAILBOX_FULL = "mailboxfull"
    FILTERED = "filtered"
    SUPPRESSED = "suppressed"
    NOT_ACCEPTED = "notaccept"
    SYSTEM_FULL = "systemfull"
    SYSTEM_ERROR = "systemerror"
    NETWORK_ERROR = "networkerror"
    EXPIRED = "expired"
    MAILER_ERROR = "mailererror"
    TOO_MANY_CONNECTIONS = "toomanyconn"
    SPEEDING = "speeding"
    BLOCKED = "blocked"
    BAD_REPUTATION = "badreputation"
    REQUIRE_PTR = "requireptr"
    AUTH_FAILURE = "authfailure"
    REJECTED = "rejected"
    NO_RELAYING = "norelaying"
    SECURITY_ERROR = "securityerror"
    FAILED_STARTTLS = "failedstarttls"
    SYNTAX_ERROR = "syntaxerror"
    SPAM_DETECTED = "spamdetected"
    VIRUS_DETECTED = "virusdetected"
    POLICY_VIOLATION = "policyviolation"
    CONTENT_ERROR = "contenterror"
    NOT_COMPLIANT_RFC = "notcompliantrfc"
    MESSAGE_TOO_LARGE = "mesgtoobig"
    EXCEED_LIMIT = "exceedlimit"
    DELIVERED = "delivered"
    VACATION = "vacation"
    FEEDBACK = "feedback"
    ON_HOLD = "onhold"
    UNDEFINED = "undefined"

    @property
    def reason(self) -> str:
        """The reason name shared with Sisimai (the value), e.g. ``"userunknown"``."""
        return str(self.value)

    @property
    def description(self) -> str:
        """One plain-language sentence saying what happened."""
        return _mailbounce.kind_description(self.value)

    @property
    def advice(self) -> str:
        """Advice for the person who received the notice: what it means and what to do."""
        return _mailbounce.kind_advice(self.value)

    @property
    def recommended_action(self) -> RecommendedAction:
        """What the sender should do about a record of this kind."""
        return _mailbounce.kind_recommended_action(self.value)
