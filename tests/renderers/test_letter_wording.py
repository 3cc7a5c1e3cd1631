"""Each reason's letter says what a specialist would file (issue 17, item 1): the cause, the action
already taken, the wording of the KC scheme, no pledge in the IP letter, the contact when known."""

from __future__ import annotations

import dataclasses

import pytest

from casefile.codes import ReasonCode, Scheme
from renderers.facts import gather
from renderers.letter import compose
from tests.renderers.conftest import make_chain


def text_of(facts) -> str:
    return "\n".join(p.ko for p in compose(facts).paragraphs)


@pytest.fixture(scope="module")
def chains(tmp_path_factory):
    return {r: make_chain(tmp_path_factory.mktemp(str(r)) / "case", r) for r in ReasonCode}


@pytest.mark.parametrize("reason", list(ReasonCode), ids=str)
def test_every_letter_states_its_cause_and_contact_and_no_colloquial_pledge(chains, reason):
    text = text_of(gather(chains[reason]))
    assert "판매중지의 원인" in text
    assert "이 건의 담당자는 왕웨이(전자우편 ops@example.com)입니다." in text
    assert "같은 일이 다시" not in text and "판매하고 있으며" not in text
    assert "판매가 재개되면" not in text and "하겠습니다" not in text.replace("재발하지 않도록 하겠습니다", "")
    if reason is ReasonCode.ip_infringement:
        assert "재발" not in text and "위임자" not in text and "수임자" not in text
        assert "위임인(상표권자)" in text and "수임인: 주식회사 한빛무역(당사)" in text
    else:
        assert "같은 문제가 재발하지 않도록 하겠습니다." in text


def test_no_contact_line_without_representative_or_email(chains):
    facts = dataclasses.replace(gather(chains[ReasonCode.kc_certification]), representative=None, email=None)
    assert "담당자" not in text_of(facts) and "전자우편" not in text_of(facts)
    facts = dataclasses.replace(facts, email="ops@example.com")
    assert "이 건에 관한 문의는 전자우편 ops@example.com으로 하여 주십시오." in text_of(facts)


@pytest.mark.parametrize(("scheme", "number", "says", "never"), [
    (Scheme.safety_certification, "HU071695-21012A",
     ["제5조에 따른 안전인증을 받은", "인증번호: HU071695-21012A", "인증기관:", "안전인증번호 HU071695-21012A를 정확히 등록하였습니다"],
     ["신고번호"]),
    (Scheme.safety_confirmation, "YU10128-23004",
     ["제15조에 따른 안전확인 신고를 마친", "신고번호: YU10128-23004", "시험기관:", "신고일자:", "위 신고번호로"],
     ["인증번호", "인증기관", "안전인증"]),
    (Scheme.supplier_conformity, None,
     ["제23조에 따른 공급자적합성확인을 거친", "인증 구분을 공급자적합성확인으로 선택", "인증번호가 없으므로"],
     ["인증번호:", "인증기관", "위 인증번호", "조회하실"]),
    (Scheme.radio_conformity, "R-R-abc-1234",
     ["「전파법」 제58조의2에 따른 방송통신기자재 적합성평가를 받은", "식별부호: R-R-abc-1234", "국립전파연구원(rra.go.kr)"],
     ["전기용품", "인증번호"]),
    (Scheme.safety_confirmation, "CB063R2606-9003", ["「어린이제품 안전 특별법」에 따른 안전확인 신고를 마친"], ["제15조", "전기용품"]),
    (Scheme.safety_certification, None, ["KC 인증서(붙임 1)에 기재된 안전인증 정보를 정확히 등록하였습니다"],
     ["위 인증번호", "인증번호:"]),
])
def test_kc_wording_follows_the_scheme(chains, scheme, number, says, never):
    facts = gather(chains[ReasonCode.kc_certification])
    facts.kc = facts.kc.model_copy(update={"scheme": scheme, "certificate_number": number})
    text = text_of(facts)
    for part in says:
        assert part in text, part
    for part in never:
        assert part not in text, part
    assert "등록한 화면은 쿠팡 Wing 화면(붙임 2)과 같습니다." in text


def test_listing_letter_says_before_and_after_when_the_seller_gave_them(chains):
    facts = dataclasses.replace(gather(chains[ReasonCode.listing_mismatch]), previous_model_name="HB-H100")
    text = text_of(facts)
    assert "모델명: HB-H100 → HB-H200" in text and "상품명(변경 없음): 미니 가습기 H2" in text
    assert "판매중지의 원인은 상품 정보 중 모델명이" in text
    plain = text_of(gather(chains[ReasonCode.listing_mismatch]))
    assert "→" not in plain and "수정 후 모델명: HB-H200" in plain


def test_cosmetics_letter_claims_only_what_the_documents_state(chains):
    text = text_of(gather(chains[ReasonCode.cosmetics_labeling]))
    assert "전성분 8종을 같은 순서로 모두 표시하였습니다" in text and "1,2-헥산다이올" in text
    for unstated in ("책임판매업자", "제조국", "사용기한", "주의사항", "용량"):
        assert unstated not in text, unstated
