"""A drop-in for ``flufl.bounce`` (as Mailman uses it), backed by mailbounce.

Switch by changing one import::

    # from flufl.bounce import all_failures, scan_message
    from mailbounce.compat.flufl import all_failures, scan_message

``all_failures(msg)`` returns ``(temporary, permanent)``: two frozensets of the failed
recipients' addresses as ``bytes``, like flufl.bounce. A delay warning's recipients are
temporary; every other failed recipient is permanent, whatever its reason (Mailman scores
them). Automatic replies, success notices, complaints and ordinary messages give two empty
sets. For mailbounce's own reading of the reasons use ``mailbounce.parse``.
"""

from __future__ import annotations

from email.message import Message

import mailbounce
from mailbounce._enums import FailureKind, NoticeKind

__all__ = ["all_failures", "scan_message"]

#: Reasons that report something other than a failure.
_NOT_FAILURES = frozenset({FailureKind.DELIVERED, FailureKind.VACATION, FailureKind.FEEDBACK})


def _report(msg: Message) -> mailbounce.Report | None:
    try:
        return mailbounce.parse(msg.as_bytes())
    except mailbounce.MailbounceError:
        return None


def all_failures(msg: Message) -> tuple[frozenset[bytes], frozenset[bytes]]:
    """The recipients a bounce message reports as failed: ``(temporary, permanent)``."""
    report = _report(msg)
    temporary: set[bytes] = set()
    permanent: set[bytes] = set()
    if report is None or report.notice not in (NoticeKind.FAILURE, NoticeKind.DELAY):
        return frozenset(), frozenset()
    for bounce in report.bounces:
        if bounce.recipient is None or bounce.kind in _NOT_FAILURES:
            continue
        address = bounce.recipient.encode("utf-8")
        if bounce.action == "delayed" or report.notice is NoticeKind.DELAY:
            temporary.add(address)
        else:
            permanent.add(address)
    return frozenset(temporary), frozenset(permanent)


def scan_message(msg: Message) -> frozenset[bytes]:
    """The permanently failed recipients of a bounce message, like flufl.bounce's."""
    return all_failures(msg)[1]
