"""The enums: string-valued, named after the core, with the core's texts."""

from __future__ import annotations

import enum
import json

import pytest

from mailbounce import FailureKind, NoticeKind, Permanence, RecommendedAction, _mailbounce


def test_failure_kind_values_are_the_core_names() -> None:
    assert FailureKind.USER_UNKNOWN.value == "userunknown"
    assert FailureKind.MAILBOX_FULL.value == "mailboxfull"
    assert [kind.value for kind in FailureKind] == _mailbounce.failure_kinds()
    assert len(FailureKind) == 36


@pytest.mark.parametrize("kind", list(FailureKind))
def test_every_kind_has_texts(kind: FailureKind) -> None:
    assert kind.reason == kind.value
    assert kind.description.endswith(".")
    assert kind.advice
    assert isinstance(kind.recommended_action, RecommendedAction)


def test_kind_texts() -> None:
    assert FailureKind.USER_UNKNOWN.description == (
        "The recipient address does not exist at the destination."
    )
    assert FailureKind.USER_UNKNOWN.recommended_action is RecommendedAction.SUPPRESS_RECIPIENT
    assert FailureKind.MAILBOX_FULL.recommended_action is RecommendedAction.RETRY_LATER


@pytest.mark.parametrize("cls", [FailureKind, NoticeKind, Permanence, RecommendedAction])
def test_enums_are_strings(cls: type[enum.Enum]) -> None:
    for member in cls:
        assert isinstance(member, str)
        assert str(member) == member.value
        assert member == member.value
        assert cls(member.value) is member
    assert json.dumps(list(cls)) == json.dumps([m.value for m in cls])


def test_enum_value_sets() -> None:
    assert {n.value for n in NoticeKind} == {
        "failure",
        "delay",
        "success",
        "auto_reply",
        "feedback",
        "read_receipt",
        "challenge",
        "virus_alert",
        "not_a_notice",
    }
    assert {p.value for p in Permanence} == {"permanent", "transient", "not_a_failure"}
    assert RecommendedAction("stop_sending_complaint") is RecommendedAction.STOP_SENDING_COMPLAINT


def test_unknown_reason_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        FailureKind("nosuchreason")
    with pytest.raises(ValueError, match="unknown reason"):
        _mailbounce.kind_description("nosuchreason")
