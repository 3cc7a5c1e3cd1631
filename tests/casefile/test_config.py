"""case.toml's optional keys added for the letters (issue 17)."""

from __future__ import annotations

from casefile.config import read_case_toml


def test_the_optional_keys_of_issue_17_are_read_and_checked():
    """[appeal] explanation, [listing] previous_*, and a note per exhibit keyed by its path."""
    config, problems = read_case_toml('[appeal]\nexplanation = " 사진을  교체하였습니다. "\n'
                                      '[listing]\nprevious_model_name = "HB-H100"\n'
                                      '[exhibits."docs/사진.jpg"]\nnote = "교체한 사진"\ncolour = "red"\n'
                                      '[exhibits."x.pdf"]\nnote = 3\n')
    assert config.appeal.explanation == "사진을 교체하였습니다."
    assert config.listing.previous_model_name == "HB-H100"
    assert config.note_for("./docs/사진.jpg") == "교체한 사진" and config.note_for("x.pdf") is None
    assert sorted(p.key for p in problems) == ["exhibits.docs/사진.jpg.colour", "exhibits.x.pdf.note"]
