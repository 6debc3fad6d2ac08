"""Read bounce messages and say which recipient failed, why, and what to do next.

>>> import mailbounce
>>> report = mailbounce.parse_file("bounce.eml")
>>> for bounce in report.bounces:
...     print(bounce.recipient, bounce.kind.value, bounce.hard_bounce)

``parse`` analyses one message, ``parse_file`` reads one from disk, and ``parse_many`` analyses
many in parallel with the GIL released. Errors are ``MailbounceError`` (a ``ValueError``).
"""

from mailbounce._enums import FailureKind, NoticeKind, Permanence, RecommendedAction
from mailbounce._mailbounce import (
    Bounce,
    EmptyInputError,
    InputTooLargeError,
    MailbounceError,
    MailDate,
    NotAMessageError,
    OriginalMessage,
    Report,
    __version__,
    parse,
    parse_file,
    parse_many,
)

__all__ = [
    "Bounce",
    "EmptyInputError",
    "FailureKind",
    "InputTooLargeError",
    "MailDate",
    "MailbounceError",
    "NotAMessageError",
    "NoticeKind",
    "OriginalMessage",
    "Permanence",
    "RecommendedAction",
    "Report",
    "__version__",
    "parse",
    "parse_file",
    "parse_many",
]
