"""Read bounce messages and say which recipient failed, why, and what to do next.

>>> import mailbounce
>>> report = mailbounce.parse_file("bounce.eml")
>>> for bounce in report.bounces:
...     print(bounce.recipient, bounce.kind.value, bounce.hard_bounce)

``parse`` analyses one message, ``parse_file`` reads one from disk, ``parse_many`` analyses
many in parallel with the GIL released, and ``parse_event`` reads an email service provider's
webhook payload (SES, SendGrid, Mailgun, Postmark, SparkPost). ``mailbounce.compat.flufl`` is a
drop-in for ``flufl.bounce``. Errors are ``MailbounceError`` (a ``ValueError``).
"""

from mailbounce._enums import (
    FailureKind,
    NoticeKind,
    Permanence,
    RecommendedAction,
    Responsibility,
)
from mailbounce._mailbounce import (
    Bounce,
    EmptyInputError,
    InputTooLargeError,
    LimitExceededError,
    MailbounceError,
    MailDate,
    NotAMessageError,
    NotJsonError,
    OriginalMessage,
    Report,
    UnknownEventError,
    __version__,
    parse,
    parse_event,
    parse_file,
    parse_many,
)

__all__ = [
    "Bounce",
    "EmptyInputError",
    "FailureKind",
    "InputTooLargeError",
    "LimitExceededError",
    "MailDate",
    "MailbounceError",
    "NotAMessageError",
    "NotJsonError",
    "NoticeKind",
    "OriginalMessage",
    "Permanence",
    "RecommendedAction",
    "Report",
    "Responsibility",
    "UnknownEventError",
    "__version__",
    "parse",
    "parse_event",
    "parse_file",
    "parse_many",
]
