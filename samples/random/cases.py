"""Whole cases from the layout randomiser, with faults planted at random (issue 15, part 6).

`generate_cases(seed, n, out_dir)` writes n case folders (`case.toml` and the documents the
reason needs, each drawn by the per-kind composers in a random layout and rendition) and returns
their ground truth. The documents agree with case.toml by construction (same seller as grantee,
same brand, product, model and product id), then zero or one fault is planted per case, each with
the finding code it must raise; near misses of other codes are planted beside it (an expiry 31
days away, a model differing only in case or dash, a grantee differing only in legal form …) and
those codes must not fire.

Case i is drawn from its own generators seeded by (seed, CASE_STREAM, i): the same seed gives the
same cases whatever n is. Faults cycle through `CODES` plus clean slots, shuffled per block of
`len(PLAN)` cases, so every code is planted about n / len(PLAN) times.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import values as V
from .common import file_name
from .generate import KINDS, validate_truth
from .renditions import render
from .values import chance, pick

Rng = np.random.Generator

AS_OF = dt.date(2026, 11, 28)
CASE_STREAM = 15  # keeps case generators apart from generate()'s (seed, kind index, i) streams

KC_CODES = ["certificate_expired", "certificate_expiring_soon", "certificate_number_invalid", "model_mismatch"]
LETTER_CODES = ["authorization_expired", "authorization_not_yet_valid", "signature_missing", "seller_mismatch",
                "brand_mismatch"]
INGREDIENT_CODES = ["prohibited_ingredient"]
CASE_CODES = ["missing_required_evidence", "appeal_deadline_passed", "resubmission_too_soon", "business_number_invalid"]
CODES = KC_CODES + LETTER_CODES + INGREDIENT_CODES + CASE_CODES
WARNINGS = {"certificate_expiring_soon"}
#: Codes no case here can rightly raise: every case gives its reason, no file is encrypted,
#: unreadable or digitally signed, and the documents name the listing's product.
ALWAYS_ABSENT = ["unsupported_format", "encrypted_pdf", "unreadable_document", "signature_invalid",
                 "unknown_delisting_reason", "product_mismatch"]
#: One block of the plan: every code once and two clean cases, shuffled per block.
PLAN: list[str | None] = [*CODES, None, None]

REASONS = ["kc_certification", "ip_infringement", "cosmetics_labeling", "listing_mismatch"]
REASON_OF = {**dict.fromkeys(KC_CODES, "kc_certification"), **dict.fromkeys(LETTER_CODES, "ip_infringement"),
             **dict.fromkeys(INGREDIENT_CODES, "cosmetics_labeling")}
REQUIRED = {"kc_certification": "kc_certificate", "ip_infringement": "authorization_letter",
            "cosmetics_labeling": "ingredient_list", "listing_mismatch": "seller_center_screenshot"}

# MFDS 별표1 rows (validators/rules/mfds_ingredients.toml; the 2019 additions among them), with INCI names.
PROHIBITED = [("메칠렌글라이콜", "Methylene Glycol"), ("클로로아트라놀", "Chloroatranol"), ("하이드로퀴논", "Hydroquinone"),
              ("아트라놀", "Atranol"), ("니트로메탄", "Nitromethane")]
# Other substances whose names contain a banned one (issue 15: a longer name is a different substance).
NEAR_INGREDIENTS = [("t-부틸하이드로퀴논", "t-Butyl Hydroquinone"), ("하이드로퀴논다이메틸에터", "Hydroquinone Dimethyl Ether"),
                    ("아트라놀린", "Atranorin"), ("폴리메칠렌글라이콜", "Polymethylene Glycol")]

SCHEMES = {"electric": ["safety_certification", "safety_confirmation", "supplier_conformity"],
           "children": ["safety_certification", "safety_confirmation"], "household": ["safety_confirmation"],
           "radio": ["radio_conformity"]}
_LEGAL = re.compile(r"주식회사|\(주\)|㈜")
KO_FORMS = ["주식회사 {c}", "(주){c}", "㈜{c}", "{c} 주식회사", "{c}(주)", "(주) {c}", "주식회사{c}"]


@dataclass
class CaseTruth:
    """One generated case and what the pipeline must make of it."""

    case_id: str
    path: Path
    reason: str
    fault: str | None                       # the planted code, or None for a clean case
    expected: list[str]                     # codes that must fire
    absent: list[str]                       # codes that must not fire
    near_misses: dict[str, str]             # code -> the near miss planted for it (must not fire)
    status: str                             # ready | needs_fixes
    config: dict                            # case.toml as written
    documents: list[dict] = field(default_factory=list)   # path, kind, rendition, truth, layout
    notes: list[str] = field(default_factory=list)        # what was planted, in words
    seed: list[int] = field(default_factory=list)

    def record(self, root: Path) -> dict:
        d = asdict(self)
        d["path"] = self.path.relative_to(root).as_posix()
        return d


# --- near-miss values ----------------------------------------------------------------------------

def model_variant(rng: Rng, model: str) -> str:
    """The same model as a reviewer reads it, printed otherwise: case, dash or spacing (HB-H200 / hb–h200)."""
    options = []
    if "-" in model:
        options += [model.replace("-", "–"), model.replace("-", " - "), model.lower().replace("-", "–"),
                    model.replace("-", "‐")]
    m = re.match(r"^([A-Za-z]+)(\d.*)$", model)
    if m:
        options.append(f"{m[1]} {m[2]}")
    if model.lower() != model:
        options.append(model.lower())
    return pick(rng, options) if options else model + " "


def other_model(rng: Rng, model: str) -> str:
    """Another model: a derived one (HB-H200W) or an unrelated code."""
    while True:
        other = V.derived_models(rng, model, 1)[0] if chance(rng, 0.5) else V.model(rng)
        if _model_key(other) != _model_key(model):
            return other


def _model_key(model: str) -> str:
    return re.sub(r"[\s\-–‐_]", "", model).upper()


def _core(name_ko: str) -> str:
    return _LEGAL.sub("", name_ko).strip()


def legal_form_variant(rng: Rng, name_ko: str) -> str:
    """The same Korean company in another legal-form spelling or spacing: (주)한빛무역 / 주식회사 한빛 무역."""
    core = _core(name_ko)
    first = next((k for k in sorted(V.KO_CORES, key=len, reverse=True) if core.startswith(k)), None)
    cores = [core] + ([f"{first} {core[len(first):]}"] if first and len(core) > len(first) else [])
    options = [f.format(c=c) for f in KO_FORMS for c in cores]
    options = [o for o in options if o != name_ko]
    return pick(rng, options)


def other_company(rng: Rng, seller: V.Company) -> str:
    """Another company altogether, in Korean or English."""
    mine = _core(seller.ko)[:2]
    while True:
        other = V.ko_company(rng)
        if _core(other.ko)[:2] != mine:
            return other.ko if chance(rng, 0.7) else other.en


def _brand_key(brand: str) -> str:
    return re.sub(r"\W", "", brand).upper()


def brand_variant(rng: Rng, brand: str) -> str:
    """The same brand in another letter case: LUMIBAY / Lumibay / lumibay."""
    options = [b for b in {brand.title(), brand.lower(), brand.capitalize()} if b != brand]
    return pick(rng, options) if options else brand


def other_brand(rng: Rng, brand: str) -> str:
    while True:
        other = V.brand_name(rng)
        if _brand_key(other)[:3] != _brand_key(brand)[:3]:
            return other


def bad_business_number(rng: Rng) -> str:
    """A 사업자등록번호 whose check digit fails (a typo in the last digit)."""
    valid = V.business_number(rng)
    digits = valid.replace("-", "")
    wrong = str((int(digits[-1]) + int(rng.integers(1, 10))) % 10)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:9]}{wrong}"


def malformed_number(rng: Rng, scheme: str, number: str) -> str:
    """A certificate number that does not fit its scheme's shape: a digit short, a letter wrong, a part missing."""
    if scheme == "radio_conformity":
        parts = number.split("-")
        return pick(rng, ["-".join(parts[:2] + [parts[2][:2]] + parts[3:]),          # applicant code too short
                          "-".join([parts[0], "X"] + parts[2:]),                      # no such kind
                          "-".join(parts[:3])])                                       # product code missing
    head, _, tail = number.partition("-")
    return pick(rng, [f"{head[:2]}{head[2:][:4]}-{tail}",        # four digits where five or more belong
                      f"{head}-{tail[:3]}",                      # serial cut short
                      f"{head[:2]}{head[2:]}{tail}",             # the hyphen lost
                      f"{head[0]}{head[2:]}-{tail}"])            # one prefix letter


# --- one case --------------------------------------------------------------------------------------

def fault_of(seed: int, i: int) -> str | None:
    block, at = divmod(i, len(PLAN))
    order = np.random.default_rng([seed, CASE_STREAM, 1 << 20, block]).permutation(len(PLAN))
    return PLAN[int(order[at])]


def allowed_renditions(kind: str, renditions: list[str] | None) -> list[str]:
    return [r for r in KINDS[kind][1] if not renditions or r in renditions]


def plan_case(seed: int, i: int, renditions: list[str] | None = None, as_of: dt.date = AS_OF) -> dict:
    """Everything about case i but its files: case.toml, per document its kind, rendition and the
    values it must print, and the truth. Pure and fast (no rendering)."""
    rng = np.random.default_rng([seed, CASE_STREAM, i])
    fault = fault_of(seed, i)
    reason = REASON_OF.get(fault) or pick(rng, REASONS, p=[0.25, 0.25, 0.35, 0.15])
    near: dict[str, str] = {}
    notes: list[str] = []

    def days(n: int) -> dt.date:
        return as_of + dt.timedelta(days=n)

    # The seller, the listing, the appeal.
    seller = V.ko_company(rng)
    family = pick(rng, ["electric", "children", "household", "radio"], p=[0.45, 0.2, 0.1, 0.25])
    product = pick(rng, V.COSMETICS) if reason == "cosmetics_labeling" else V.product(rng, family, "ko")
    model, brand, product_id = V.model(rng), V.brand_name(rng), V.exposed_id(rng)
    seller_cfg: dict = {"name_ko": seller.ko, "name": seller.en}
    if fault == "business_number_invalid":
        seller_cfg["business_number"] = bad_business_number(rng)
        notes.append(f"business number {seller_cfg['business_number']} (check digit wrong)")
    elif chance(rng, 0.6):
        seller_cfg["business_number"] = V.business_number(rng)
        near["business_number_invalid"] = f"valid business number {seller_cfg['business_number']}"
    if chance(rng, 0.5):
        seller_cfg["vendor_id"] = V.vendor_id(rng)
    if fault == "appeal_deadline_passed":
        notice_date = days(-int(rng.integers(8, 31)))
        notes.append(f"notice {notice_date}: deadline {notice_date + dt.timedelta(days=7)} before as_of")
    elif chance(rng, 0.3):
        notice_date = days(-7)
        near["appeal_deadline_passed"] = f"deadline {as_of} = as_of"
    else:
        notice_date = days(-int(rng.integers(1, 7)))
    appeal: dict = {"reason": reason, "notice_date": notice_date}
    if fault == "resubmission_too_soon":
        appeal["previous_appeal_date"] = days(-int(rng.integers(0, 7)))
        notes.append(f"previous appeal {appeal['previous_appeal_date']} (< 7 days before as_of)")
    elif chance(rng, 0.35):
        gap = pick(rng, [7, 8, 8])
        appeal["previous_appeal_date"] = days(-gap)
        near["resubmission_too_soon"] = f"previous appeal {gap} days before as_of"
    config = {"seller": seller_cfg,
              "listing": {"product_id": product_id, "url": f"https://www.coupang.com/vp/products/{product_id}",
                          "product_name": product, "model_name": model, "brand": brand},
              "appeal": appeal}

    # The documents the reason needs, and some that come with it.
    docs: list[dict] = []

    def add(kind: str, given: dict) -> None:
        allowed = allowed_renditions(kind, renditions)
        if allowed:
            docs.append({"kind": kind, "rendition": pick(rng, allowed), "given": given})

    required = REQUIRED[reason]
    if reason == "listing_mismatch" and not allowed_renditions(required, renditions):
        required = "kc_certificate"  # no screen renditions asked for: the certificate shows the fix
    if required == "kc_certificate":
        add("kc_certificate", _certificate(rng, fault, family, product, model, near, notes, days))
    elif required == "authorization_letter":
        add("authorization_letter", _letter(rng, fault, seller, brand, near, notes, days))
    elif required == "ingredient_list":
        add("ingredient_list", _ingredients(rng, fault, product, near, notes))
    wing_given = {"product_id": product_id, "product_name": product, "reason_code": reason, "vendor": seller.ko}
    if required == "seller_center_screenshot" or chance(rng, 0.3):
        add("seller_center_screenshot", wing_given)
    if chance(rng, 0.5):
        add("notice_email", {"reason_code": reason, "product_id": product_id, "notice_date": notice_date,
                             "deadline": notice_date + dt.timedelta(days=7) if chance(rng, 0.7) else None,
                             "vendor": seller})
    if fault == "missing_required_evidence":
        dropped = [d["kind"] for d in docs if d["kind"] not in ("notice_email",)]
        docs = [d for d in docs if d["kind"] == "notice_email"]
        notes.append(f"dropped {', '.join(dropped) or 'nothing'}: no evidence for {reason}")
    kinds_present = {d["kind"] for d in docs}
    if not kinds_present & {"kc_certificate"}:
        for code in KC_CODES:
            near.pop(code, None)
    if "authorization_letter" not in kinds_present:
        for code in LETTER_CODES:
            near.pop(code, None)
    if "ingredient_list" not in kinds_present:
        near.pop("prohibited_ingredient", None)
    expected = [fault] if fault else []
    absent = sorted(set(CODES + ALWAYS_ABSENT) - set(expected))
    status = "needs_fixes" if fault and fault not in WARNINGS else "ready"
    return {"reason": reason, "fault": fault, "config": config, "docs": docs, "expected": expected,
            "absent": absent, "near_misses": near, "status": status, "notes": notes}


def _certificate(rng: Rng, fault, family, product, model, near, notes, days) -> dict:
    expiry_case = fault in ("certificate_expired", "certificate_expiring_soon") or chance(rng, 0.45)
    scheme = "safety_certification" if expiry_case else pick(rng, SCHEMES[family])
    if scheme == "supplier_conformity" and fault == "certificate_number_invalid":
        scheme = "safety_confirmation"
    if scheme == "safety_certification" and family not in ("electric", "children"):
        family = "electric"
    given: dict = {"scheme": scheme, "product": product, "model": model}
    if fault == "certificate_expired":
        given["expiry"] = days(-int(rng.integers(1, 400)))
        notes.append(f"certificate expired {given['expiry']}")
    elif fault == "certificate_expiring_soon":
        given["expiry"] = days(int(rng.integers(0, 31)))
        notes.append(f"certificate expires {given['expiry']} (within 30 days)")
    elif scheme == "safety_certification":
        if chance(rng, 0.6):
            given["expiry"] = days(int(rng.integers(31, 46)))
            near["certificate_expiring_soon"] = near["certificate_expired"] = f"expiry {given['expiry']} (31+ days)"
        else:
            given["expiry"] = days(int(rng.integers(46, 1500))) if chance(rng, 0.6) else None
    else:
        given["expiry"] = None
    if fault == "certificate_number_invalid" or (scheme != "supplier_conformity" and chance(rng, 0.5)):
        number = V.kc_number(rng, scheme, "children" if family == "children" else family, days(-400).year)
        if fault == "certificate_number_invalid":
            given["number"] = malformed_number(rng, scheme, number)
            notes.append(f"certificate number {given['number']} (malformed; a valid one reads like {number})")
        elif re.search(r"[A-Z]", number):
            given["number"] = number.lower()
            near["certificate_number_invalid"] = f"valid number printed lower-case {given['number']}"
    if fault == "model_mismatch":
        given["model"] = other_model(rng, model)
        notes.append(f"certificate model {given['model']} (listing {model})")
    elif chance(rng, 0.5):
        given["model"] = model_variant(rng, model)
        near["model_mismatch"] = f"certificate model {given['model']!r} (listing {model!r})"
    return given


def _letter(rng: Rng, fault, seller: V.Company, brand, near, notes, days) -> dict:
    given: dict = {"seller": seller, "brand": brand, "signature": pick(rng, ["seal", "seal", "handwritten"])}
    start = days(-int(rng.integers(10, 600)))
    end = None if chance(rng, 0.1) else days(int(rng.integers(30, 900)))
    if fault == "authorization_expired":
        end = days(-int(rng.integers(1, 300)))
        start = V.add_years(end + dt.timedelta(days=1), -int(rng.integers(1, 4)))
        notes.append(f"authorization ended {end}")
    elif fault == "authorization_not_yet_valid":
        start = days(int(rng.integers(1, 61)))
        end = V.add_years(start, int(rng.integers(1, 4))) - dt.timedelta(days=1)
        notes.append(f"authorization starts {start}")
    else:
        edge = pick(rng, ["until", "from", "none"], p=[0.45, 0.45, 0.1])
        if edge == "until":
            end = days(0)
            near["authorization_expired"] = f"valid until {end} = as_of"
        elif edge == "from":
            start = days(0)
            near["authorization_not_yet_valid"] = f"valid from {start} = as_of"
    given["valid_from"], given["valid_until"] = start, end
    if fault == "signature_missing":
        given["signature"] = "none"
        notes.append("letter without seal or signature")
    elif given["signature"] == "handwritten":
        near["signature_missing"] = "pen signature only (no seal)"
    if fault == "seller_mismatch":
        given["grantee"] = other_company(rng, seller)
        notes.append(f"grantee {given['grantee']} (seller {seller.ko})")
    elif chance(rng, 0.5):
        given["grantee"] = legal_form_variant(rng, seller.ko)
        near["seller_mismatch"] = f"grantee {given['grantee']!r} (seller {seller.ko!r})"
    if fault == "brand_mismatch":
        given["brand"] = other_brand(rng, brand)
        notes.append(f"letter brand {given['brand']} (listing {brand})")
    elif chance(rng, 0.5):
        variant = brand_variant(rng, brand)
        if variant != brand:
            given["brand"] = variant
            near["brand_mismatch"] = f"letter brand {variant!r} (listing {brand!r})"
    return given


def _ingredients(rng: Rng, fault, product, near, notes) -> dict:
    items = V.ingredient_list(rng)
    if fault == "prohibited_ingredient":
        banned = pick(rng, PROHIBITED)
        items.insert(int(rng.integers(1, len(items) + 1)), banned)
        notes.append(f"prohibited ingredient {banned[0]}")
    elif chance(rng, 0.9):
        other = pick(rng, NEAR_INGREDIENTS)
        items.insert(int(rng.integers(1, len(items) + 1)), other)
        near["prohibited_ingredient"] = f"{other[0]} (contains a banned name, another substance)"
    return {"product": product, "ingredients": items}


# --- files -----------------------------------------------------------------------------------------

def _toml_value(v) -> str:
    if isinstance(v, dt.date):
        return f'"{v.isoformat()}"'
    return json.dumps(v, ensure_ascii=False)


def case_toml(config: dict) -> str:
    out = []
    for section, values in config.items():
        out.append(f"[{section}]")
        out += [f"{k} = {_toml_value(v)}" for k, v in values.items() if v is not None]
        out.append("")
    return "\n".join(out)


def _jsonable(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, V.Company):
        return v.ko
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v


def build_case(seed: int, i: int, out_dir: Path | None, renditions: list[str] | None = None,
               as_of: dt.date = AS_OF) -> CaseTruth:
    """Case i: its plan, its documents composed (and rendered into `out_dir/case-iii/` unless
    out_dir is None), its truth."""
    plan = plan_case(seed, i, renditions, as_of)
    case_id = f"case-{i:03d}"
    folder = Path(out_dir) / case_id if out_dir is not None else Path(case_id)
    documents, names = [], set()
    for k, d in enumerate(plan["docs"]):
        kind, rendition = d["kind"], d["rendition"]
        composed = KINDS[kind][0](np.random.default_rng([seed, CASE_STREAM, i, k]), rendition, d["given"])
        validate_truth(kind, composed.truth)
        rng = np.random.default_rng([seed, CASE_STREAM, i, k, 1])
        name = file_name(rng, rendition, composed.names)
        while name in names:
            name += f" ({k + 1})"
        names.add(name)
        rel = name
        if out_dir is not None:
            path, how = render(composed, rendition, folder / name, rng)
            rel = path.relative_to(folder).as_posix()
        else:
            how = "not rendered"
        documents.append({"path": rel, "kind": kind, "rendition": rendition, "truth": composed.truth,
                          "layout": f"{composed.layout} | {how}", "given": _jsonable(d["given"])})
    text = case_toml(plan["config"])
    if out_dir is not None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "case.toml").write_text(text, encoding="utf-8")
    return CaseTruth(case_id, folder, plan["reason"], plan["fault"], plan["expected"], plan["absent"],
                     plan["near_misses"], plan["status"], _jsonable(plan["config"]), documents, plan["notes"],
                     [seed, CASE_STREAM, i])


def generate_cases(seed: int, n: int, out_dir: Path | None, renditions: list[str] | None = None,
                   as_of: dt.date = AS_OF, progress=None) -> list[CaseTruth]:
    """n cases under `out_dir` (None: truth only, nothing rendered) and `out_dir/cases.json`."""
    cases = []
    for i in range(n):
        case = build_case(seed, i, out_dir, renditions, as_of)
        cases.append(case)
        if progress:
            progress(case)
    if out_dir is not None:
        root = Path(out_dir)
        manifest = {"seed": seed, "n": n, "as_of": as_of.isoformat(), "renditions": renditions,
                    "cases": [c.record(root) for c in cases]}
        (root / "cases.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return cases
