"""Type stubs of the compiled module ``mailbounce._mailbounce`` (written by hand)."""

import datetime
import os
from collections.abc import Iterable
from typing import Any, final

from mailbounce._enums import (
    FailureKind,
    NoticeKind,
    Permanence,
    RecommendedAction,
    Responsibility,
)

__all__ = [
    "Bounce",
    "EmptyInputError",
    "InputTooLargeError",
    "LimitExceededError",
    "MailDate",
    "MailbounceError",
    "NotAMessageError",
    "NotJsonError",
    "OriginalMessage",
    "Report",
    "UnknownEventError",
    "__version__",
    "failure_kinds",
    "kind_advice",
    "kind_description",
    "kind_recommended_action",
    "parse",
    "parse_event",
    "parse_file",
    "parse_many",
]

__version__: str

class MailbounceError(ValueError):
    """Base class of every error mailbounce raises; a subclass of ValueError."""

class EmptyInputError(MailbounceError):
    """The input was empty (or only white space)."""

class InputTooLargeError(MailbounceError):
    """The input is larger than the limit; ``size`` and ``limit`` give both, in bytes.

    ``limit`` is a byte count (an ``int``, the ``max_input_bytes`` in force), not a name as in
    ``LimitExceededError.limit``.
    """

    size: int
    limit: int

class LimitExceededError(MailbounceError):
    """The message goes over a limit on its shape.

    ``limit`` names it (``"mime_depth"``, ``"parts"``, ``"recipients"`` or
    ``"header_line_bytes"``, set with the keyword ``max_`` + ``limit``) and ``max`` gives the
    maximum that was set.

    ``limit`` is the limit's name (a ``str``), not a number as in ``InputTooLargeError.limit``;
    the number is ``max``.
    """

    limit: str
    max: int

class NotAMessageError(MailbounceError):
    """The input does not begin with a mail header, so it is not a mail message."""

class NotJsonError(MailbounceError):
    """An ESP event payload (``parse_event``) is not valid JSON."""

class UnknownEventError(MailbounceError):
    """The JSON given to ``parse_event`` holds no event of a known email service provider."""

@final
class MailDate:
    """A date as the notice wrote it, with its moment in time when it could be read."""

    @property
    def text(self) -> str: ...
    @property
    def timestamp(self) -> int | None: ...
    @property
    def datetime(self) -> datetime.datetime | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class OriginalMessage:
    """The identity of the message that bounced, as far as the notice quotes it."""

    @property
    def message_id(self) -> str | None: ...
    @property
    def from_(self) -> str | None: ...
    @property
    def to(self) -> list[str]: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def date(self) -> MailDate | None: ...
    @property
    def envelope_id(self) -> str | None: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    def header(self, name: str) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Bounce:
    """One affected recipient of a notice: who, what happened, why, and what the server said."""

    @property
    def recipient(self) -> str | None: ...
    @property
    def original_recipient(self) -> str | None: ...
    @property
    def action(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def reply_code(self) -> int | None: ...
    @property
    def diagnostic(self) -> str | None: ...
    @property
    def diagnostic_type(self) -> str | None: ...
    @property
    def remote_mta(self) -> str | None: ...
    @property
    def command(self) -> str | None: ...
    @property
    def last_attempt(self) -> MailDate | None: ...
    @property
    def will_retry_until(self) -> MailDate | None: ...
    @property
    def kind(self) -> FailureKind: ...
    @property
    def hard_bounce(self) -> bool: ...
    @property
    def permanence(self) -> Permanence: ...
    @property
    def feedback_type(self) -> str | None: ...
    @property
    def matched_rule(self) -> str: ...
    @property
    def decoded_by(self) -> str: ...
    @property
    def suggested_recipient(self) -> str | None: ...
    @property
    def recommended_action(self) -> RecommendedAction: ...
    @property
    def provider_label(self) -> str | None: ...
    @property
    def responsibility(self) -> Responsibility: ...
    @property
    def should_suppress(self) -> bool: ...
    @property
    def advice(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Report:
    """One analysed message: the notice, the original it refers to, and its bounces."""

    @property
    def notice(self) -> NoticeKind: ...
    @property
    def reporting_mta(self) -> str | None: ...
    @property
    def arrival_date(self) -> MailDate | None: ...
    @property
    def from_(self) -> str | None: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def date(self) -> MailDate | None: ...
    @property
    def original(self) -> OriginalMessage | None: ...
    @property
    def bounces(self) -> list[Bounce]: ...
    @property
    def is_notice(self) -> bool: ...
    @property
    def hard_bounces(self) -> list[Bounce]: ...
    @property
    def notice_recipients(self) -> list[str]: ...
    @property
    def esp(self) -> dict[str, Any] | None: ...
    def original_header(self, name: str) -> str | None: ...
    def verp_target(self) -> tuple[str, str] | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...

def parse(
    data: bytes | str,
    *,
    max_input_bytes: int | None = None,
    max_mime_depth: int | None = None,
    max_parts: int | None = None,
    max_recipients: int | None = None,
    max_header_line_bytes: int | None = None,
) -> Report:
    """Analyses one raw message (a whole email, headers included) and returns a Report.

    The limits refuse a message whole (``InputTooLargeError``, ``LimitExceededError``);
    ``None`` keeps the default.
    """

def parse_event(data: dict[str, Any] | list[Any] | bytes | str) -> list[Report]:
    """Read an email service provider's event payload: one ``Report`` per event.

    Raises ``NotJsonError`` when the text is not JSON and ``UnknownEventError`` when it holds
    no event of a known provider.
    """

def parse_file(
    path: str | os.PathLike[str],
    *,
    max_input_bytes: int | None = None,
    max_mime_depth: int | None = None,
    max_parts: int | None = None,
    max_recipients: int | None = None,
    max_header_line_bytes: int | None = None,
) -> Report:
    """Reads the file at ``path`` and analyses it as one message, like ``parse``."""

def parse_many(
    items: Iterable[bytes | str],
    *,
    max_input_bytes: int | None = None,
    max_mime_depth: int | None = None,
    max_parts: int | None = None,
    max_recipients: int | None = None,
    max_header_line_bytes: int | None = None,
    threads: int | None = None,
) -> list[Report | MailbounceError]:
    """Analyses many messages in parallel; one Report or MailbounceError per item, in order."""

def kind_description(reason: str) -> str:
    """One plain-language sentence saying what the reason means."""

def kind_advice(reason: str) -> str:
    """Advice for the person who received a notice with this reason."""

def kind_recommended_action(reason: str) -> RecommendedAction:
    """What the sender should do about a record with this reason."""

def failure_kinds() -> list[str]:
    """The reason names of every FailureKind, in the core's order."""
