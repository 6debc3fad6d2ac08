"""The package surface: exports, docstrings, typing markers."""

from __future__ import annotations

import inspect
from importlib import resources

import pytest

import mailbounce


def test_exports() -> None:
    for name in mailbounce.__all__:
        assert hasattr(mailbounce, name), name
    assert mailbounce.__version__.count(".") == 2


def test_help_on_parse_is_useful(capsys: pytest.CaptureFixture[str]) -> None:
    help(mailbounce.parse)
    text = capsys.readouterr().out
    assert (
        "parse(data, *, max_input_bytes=None, max_mime_depth=None, max_parts=None,"
        " max_recipients=None, max_header_line_bytes=None)" in text
    )
    assert "Report" in text
    assert "EmptyInputError" in text and "NotAMessageError" in text
    assert "LimitExceededError" in text
    assert inspect.signature(mailbounce.parse_many).parameters["threads"].default is None


def test_every_public_item_is_documented() -> None:
    for name in mailbounce.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(mailbounce, name)
        assert obj.__doc__ and len(obj.__doc__) > 20, name
    for cls in (
        mailbounce.Report,
        mailbounce.Bounce,
        mailbounce.OriginalMessage,
        mailbounce.MailDate,
    ):
        for attr, value in vars(cls).items():
            if not attr.startswith("_"):
                assert value.__doc__, f"{cls.__name__}.{attr}"


def test_typing_markers_ship() -> None:
    package = resources.files("mailbounce")
    assert package.joinpath("py.typed").is_file()
    assert package.joinpath("_mailbounce.pyi").is_file()


def test_classes_present_as_the_package() -> None:
    assert mailbounce.Report.__module__ == "mailbounce"
    assert mailbounce.Bounce.__qualname__ == "Bounce"
