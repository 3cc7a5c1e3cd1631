"""KC certificate-number shapes exist once (casefile/rules/kc_numbers.toml): the extractors' spotter and
the validators' format check read them from one file, per scheme. The validators tolerate a digit
more or less where DOMAIN.md's few examples cannot rule it out; everything else they refuse as the
spotter does.

The numbers below are written from ../shared/DOMAIN.md, not from the regexes: its examples (§1.3-1.4),
its [INFERRED] shapes read as prose (electrical: two letters, five or six digits, a hyphen, five digits,
maybe one letter; children's: CB, three digits, a letter, three to five digits, a hyphen, four or five
digits; radio: prefix, type block, a three-character applicant code, a product code of at most 14), and
the other Korean numbers it says must not be taken for one (§1.4 KCs, §4.1, §4.2).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from casefile import certnumbers
from casefile.codes import Scheme
from casefile.errors import RuleFileError
from extractors.fields.kc import read_certificate_number
from extractors.text.nlp import find_cert_numbers, fits_shape
from tests.validators.conftest import facts_for, kc_doc
from validators.certificates import check_certificate_numbers
from validators.rules import RULES_DIR, load_rules

REPO = Path(__file__).parents[2]

# Which schemes' certificates carry a number of each family: DOMAIN.md §1.4 labels HU… 안전인증 and
# YU… 안전확인, CB… 안전확인 and plain KTC data (children's 안전인증 exists too, §1.2); radio codes
# belong to 전파법 적합성평가; 공급자적합성확인 has no number at all (§1.4, §1.10).
SCHEMES_OF = {
    "electrical": {Scheme.safety_certification, Scheme.safety_confirmation},
    "children": {Scheme.safety_certification, Scheme.safety_confirmation},
    "radio": {Scheme.radio_conformity},
    None: set(),
}

NUMBERS = [
    # DOMAIN.md §1.4 examples.
    ("HU071695-21012A", "electrical"),
    ("YU10128-23004", "electrical"),
    ("CB063R10486-2002", "children"),
    ("CB063R2606-9003", "children"),
    ("CB063R10777-3001", "children"),
    ("MSIP-CRM-PEB-WQ3", "radio"),
    ("MSIP-CRM-INT-9260NGW", "radio"),
    ("MSIP-CRI-LE1-RRUS13B1", "radio"),
    ("MSIP-CMM-HT1-O-LAMP-SMART", "radio"),
    # The INFERRED shapes at their edges: six digits first, no trailing letter; a three-digit children's run;
    # the post-2017 R- prefix with a one-letter and a three-letter block (both forms in the sources); a
    # 14-character product code; KCC- (UNCONFIRMED: accepted, never required).
    ("HU071695-21012", "electrical"),
    ("YU10128-23004B", "electrical"),
    ("CB063R260-90031", "children"),
    ("R-R-ABC-1234", "radio"),
    ("R-CRM-ABC-XXXXXXXXXXXXXX", "radio"),
    ("R-C-ZZZ-A_1-B", "radio"),
    ("KCC-REM-XYZ-100", "radio"),
    # Just outside the shapes: digit runs a digit long or short, a letter where none belongs, no hyphen.
    ("HU0716-21012A", None),
    ("HU07169521012A", None),
    ("CB063R10486-200", None),
    ("CB06R10486-2002", None),
    ("MSIP-CRM-PE-WQ3", None),
    ("R-X-ABC-1234", None),
    ("R-CRX-ABC-1234", None),
    ("R-CRM-ABC-XXXXXXXXXXXXXXX", None),
    ("R-CRM-ABC", None),
    # Other Korean numbers DOMAIN.md says are not KC certificate numbers.
    ("08AV1AB0901", None),  # KCs 안전인증번호 (산업안전보건법), §1.4
    ("124-81-00998", None),  # 사업자등록번호, §4.1
    ("130111-0006246", None),  # 법인등록번호, §4.2
]


# Outside the shapes but inside their tolerance: never spotted on a page, never called invalid.
TOLERATED = [
    ("HU0716951-21012A", "electrical"),
    ("HU071695-210120", "electrical"),
    ("HU071695-2101A", "electrical"),
    ("YU10128-230041", "electrical"),
    ("CB063R104861-2002", "children"),
    ("CB063R10486-2002A", "children"),
]


@pytest.mark.parametrize(("number", "family"), TOLERATED)
def test_a_number_a_digit_off_the_shape_is_not_spotted_and_not_called_invalid(number: str, family: str) -> None:
    assert fits_shape(number) is None and find_cert_numbers(f"인증번호: {number} 입니다") == []
    accepting = {scheme for scheme, rule in load_rules().schemes.items() if rule.accepts(number)}
    assert accepting == SCHEMES_OF[family]
    assert check_certificate_numbers(facts_for([kc_doc(certificate_number=number, scheme=None)])) == []


@pytest.mark.parametrize(("number", "family"), NUMBERS)
def test_the_spotter_and_the_validators_agree_on_every_number(number: str, family: str | None) -> None:
    # The extractors: the shape a number fits, and whether it is spotted in running text.
    assert fits_shape(number) == family
    spotted = [m.number for m in find_cert_numbers(f"인증번호: {number} 입니다")]
    assert spotted == ([number] if family else [])
    if family:
        assert read_certificate_number(number.lower()) == number
    # The validators: which schemes' format check accepts it, and the finding on a certificate.
    rules = load_rules()
    accepting = {scheme for scheme, rule in rules.schemes.items() if rule.accepts(number)}
    assert accepting == SCHEMES_OF[family]
    for scheme in [None, *Scheme]:
        findings = check_certificate_numbers(facts_for([kc_doc(certificate_number=number, scheme=scheme)]))
        valid = family is not None and (scheme is None or scheme in SCHEMES_OF[family])
        assert (findings == []) is valid, (number, scheme)


def test_no_scheme_but_supplier_conformity_is_without_a_number() -> None:
    rules = load_rules().schemes
    assert {s for s, rule in rules.items() if not rule.requires_number} == {Scheme.supplier_conformity}


def test_the_shapes_are_written_once() -> None:
    """Neither user's own rule file spells a number shape: no digit class, no repeat count."""
    shape_text = re.compile(r"\\d|\[A-Z\]|\{\d")
    for path in (REPO / "extractors" / "rules" / "kc_patterns.toml", RULES_DIR / "kc_schemes.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert "shape" not in data and not any("patterns" in row for row in data.get("schemes", {}).values())
        code = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
        assert not [line for line in code if shape_text.search(line)], path
    assert [s.family for s in certnumbers.cert_shapes()] == ["electrical", "children", "radio"]
    for shape in certnumbers.cert_shapes():
        assert "DOMAIN.md" in shape.source


@pytest.fixture
def shapes_file(tmp_path, monkeypatch):
    """Point the loader at a copy of the file to break; the real shapes are read again afterwards."""
    path = tmp_path / "kc_numbers.toml"
    path.write_text(certnumbers.RULES.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(certnumbers, "RULES", path)
    certnumbers.cert_shapes.cache_clear()
    yield path
    certnumbers.cert_shapes.cache_clear()


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ('"HU071695-21012A"', '"HU071695-2101A"', "does not fit"),
        ('family = "radio"', 'family = "children"', "listed twice"),
        ('schemes = ["radio_conformity"]', 'schemes = ["radio"]', "cannot be read"),
        ("(?P<d3>", "(?P<x3>", "neither a digit group"),
        ("'R|MSIP|KCC'", "'R|MSIP|KCC('", "no regular expression"),
    ],
)
def test_a_broken_shapes_file_fails_loudly(shapes_file: Path, old: str, new: str, why: str) -> None:
    text = shapes_file.read_text(encoding="utf-8")
    assert old in text
    shapes_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=why):
        certnumbers.cert_shapes()
