"""Emails: headers, bodies in Korean and Chinese charsets, attachments written out by content hash."""

from __future__ import annotations

import base64
import hashlib
import quopri
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

import pytest

from casefile.codes import PageSource
from extractors import read_file
from extractors.readers.email import html_to_text, read_email

KST = timezone(timedelta(hours=9))
NOTICE_BODY = "안녕하세요. 쿠팡입니다.\n상품번호 7234567890 판매가 중지되었습니다.\nKC 인증서를 제출해 주십시오.\n"


def _b64_word(text: str, charset: str) -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_euc_kr_notice_with_a_pdf_attachment(tmp_path, workdir, cert_pdf_bytes):
    msg = EmailMessage()
    msg["From"] = "쿠팡 셀러센터 <notice@coupang.com>"
    msg["To"] = "ops@hanbit.example"
    msg["Subject"] = "[쿠팡] 판매중지 안내 (상품번호 7234567890)"
    msg["Date"] = format_datetime(datetime(2026, 11, 20, 10, 30, tzinfo=KST))
    msg.set_content(NOTICE_BODY, charset="euc-kr")
    msg.add_attachment(cert_pdf_bytes, maintype="application", subtype="pdf", filename="KC인증서.pdf")
    result = read_email(_write(tmp_path, "notice.eml", bytes(msg)), workdir)

    assert result.headers == {
        "From": "쿠팡 셀러센터 <notice@coupang.com>",
        "To": "ops@hanbit.example",
        "Subject": "[쿠팡] 판매중지 안내 (상품번호 7234567890)",
        "Date": "Fri, 20 Nov 2026 10:30:00 +0900",
    }
    [page] = result.pages
    assert page.source == PageSource.email
    assert page.text.startswith(
        "From: 쿠팡 셀러센터 <notice@coupang.com>\nTo: ops@hanbit.example\n"
        "Subject: [쿠팡] 판매중지 안내 (상품번호 7234567890)\nDate: Fri, 20 Nov 2026 10:30:00 +0900\n\n"
    )
    assert "상품번호 7234567890 판매가 중지되었습니다." in page.text

    [attachment] = result.attachments
    assert attachment.name == "KC인증서.pdf"
    assert attachment.sha256 == hashlib.sha256(cert_pdf_bytes).hexdigest()
    assert attachment.size == len(cert_pdf_bytes)
    assert Path(attachment.data_path) == (workdir / attachment.sha256).resolve()
    assert Path(attachment.data_path).read_bytes() == cert_pdf_bytes


def test_raw_korean_mail_rfc2231_euc_kr_names_and_8bit_headers(tmp_path, workdir):
    pdf = b"%PDF-1.4\n% not a real pdf, only bytes to carry\n"
    raw = b"\r\n".join([
        b"From: " + _b64_word("쿠팡", "ks_c_5601-1987").encode() + b" <notice@coupang.com>",
        b"To: seller@example.com",
        b"Subject: " + "소명 요청 안내".encode("cp949"),  # raw 8-bit, no charset declared anywhere
        b"Date: Fri, 20 Nov 2026 10:30:00 +0900",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="XX"',
        b"",
        b"--XX",
        b"Content-Type: text/plain; charset=euc-kr",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        "판매 중지 사유: KC 인증 누락".encode("euc-kr"),
        b"--XX",
        b"Content-Type: application/pdf",
        b"Content-Transfer-Encoding: base64",
        b"Content-Disposition: attachment; filename*=euc-kr''" + quote("인증서 사본.pdf".encode("euc-kr")).encode(),
        b"",
        base64.b64encode(pdf),
        b"--XX",
        b"Content-Type: application/pdf",
        b"Content-Transfer-Encoding: base64",
        b'Content-Disposition: attachment; filename="' + _b64_word("시험성적서.pdf", "utf-8").encode() + b'"',
        b"",
        base64.b64encode(pdf),
        b"--XX--",
        b"",
    ])
    result = read_email(_write(tmp_path, "raw.eml", raw), workdir)
    assert result.headers["From"] == "쿠팡 <notice@coupang.com>"
    assert result.headers["Subject"] == "소명 요청 안내"
    assert "판매 중지 사유: KC 인증 누락" in result.pages[0].text
    assert [a.name for a in result.attachments] == ["인증서 사본.pdf", "시험성적서.pdf"]
    # the same bytes twice: one file on disk
    assert len({a.data_path for a in result.attachments}) == 1


def test_html_only_gb2312_body_is_turned_into_text(tmp_path, workdir):
    html = (
        "<html><head><style>p { color: red }</style><script>var secret = '不要';</script></head>"
        "<body><p>授权书</p><table><tr><td>品牌</td><td>HANBIT</td></tr></table>"
        "<p>被授权人:&nbsp;张<b>喆</b></p></body></html>"  # 喆 is GBK, not GB2312: a wrong declaration
    )
    msg = EmailMessage()
    msg["From"] = "brand@hanbit.cn"
    msg["Subject"] = "授权书"
    msg.set_content(html.encode("gbk"), maintype="text", subtype="html", cte="base64")
    msg.replace_header("Content-Type", 'text/html; charset="gb2312"')
    result = read_email(_write(tmp_path, "auth.eml", bytes(msg)), workdir)
    body = result.pages[0].text.split("\n\n", 1)[1]
    assert body == "授权书\n品牌 | HANBIT\n被授权人: 张喆"
    assert result.attachments == []


def test_wrongly_declared_utf8_body_falls_back_to_cp949(tmp_path, workdir):
    raw = (b"From: a@b.kr\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           + "쿠팡 판매중지 해제 요청".encode("cp949"))
    result = read_email(_write(tmp_path, "w.eml", raw), workdir)
    assert result.pages[0].text.endswith("쿠팡 판매중지 해제 요청")


def test_an_attached_email_is_written_out_and_read_as_an_email(tmp_path, workdir, cert_pdf_bytes):
    inner = EmailMessage()
    inner["From"] = "notice@coupang.com"
    inner["To"] = "ops@hanbit.example"
    inner["Subject"] = "판매중지 안내"
    inner.set_content(NOTICE_BODY)
    inner.add_attachment(cert_pdf_bytes, maintype="application", subtype="pdf", filename="KC.pdf")
    outer = EmailMessage()
    outer["From"] = "ops@hanbit.example"
    outer["To"] = "agent@example.com"
    outer["Subject"] = "FW: 판매중지 안내"
    outer.set_content("전달합니다.")
    outer.add_attachment(inner)

    result = read_email(_write(tmp_path, "fw.eml", bytes(outer)), workdir)
    assert result.pages[0].text.endswith("전달합니다.")
    [forwarded] = result.attachments
    assert forwarded.name == "판매중지 안내.eml"

    nested = read_file(Path(forwarded.data_path), workdir)
    assert nested.media_type == "message/rfc822"
    assert nested.headers["Subject"] == "판매중지 안내"
    assert "판매가 중지되었습니다" in nested.pages[0].text
    assert [a.name for a in nested.attachments] == ["KC.pdf"]
    assert Path(nested.attachments[0].data_path).read_bytes() == cert_pdf_bytes


def test_html_to_text_keeps_words_apart_and_drops_hidden_text():
    assert html_to_text("<div>Hello <b>world</b></div><noscript>x</noscript><br>끝") == "Hello world\n끝"


def _forwarded(cert_pdf_bytes: bytes, encode_attached_message: bool = False) -> bytes:
    """notice.eml (with KC.pdf) forwarded as an attachment of another mail."""
    inner = EmailMessage()
    inner["From"], inner["Subject"] = "notice@coupang.com", "판매중지 안내"
    inner.set_content(NOTICE_BODY)
    inner.add_attachment(cert_pdf_bytes, maintype="application", subtype="pdf", filename="KC인증서.pdf")
    if not encode_attached_message:
        outer = EmailMessage()
        outer["From"], outer["Subject"] = "ops@hanbit.example", "FW: 판매중지 안내"
        outer.set_content("전달합니다.")
        outer.add_attachment(inner)  # no file name: named after its subject
        return bytes(outer)
    # Against RFC 2046, some webmails base64 an attached message; the parser alone misreads it.
    return b"\r\n".join([
        b"From: ops@hanbit.example", b"Subject: FW", b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="B"', b"",
        b"--B", b"Content-Type: text/plain; charset=utf-8", b"", "전달합니다.".encode(),
        b"--B", b"Content-Type: message/rfc822", b"Content-Transfer-Encoding: base64",
        b"Content-Disposition: attachment", b"", base64.encodebytes(bytes(inner)),
        b"--B--", b""])


@pytest.mark.parametrize("encoded", [False, True])
def test_a_forwarded_mail_yields_its_own_attachments_through_the_pipeline(tmp_path, workdir, monkeypatch,
                                                                          cert_pdf_bytes, encoded):
    from casefile.case import SourceFile
    from flows import stages

    monkeypatch.setenv("APPEAL_ISOLATE", "0")  # in this process: the nesting is under test, not the sandbox
    path = _write(tmp_path, "fw.eml", _forwarded(cert_pdf_bytes, encoded))
    wave = [SourceFile(path="fw.eml", abs_path=str(path), sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                       size=path.stat().st_size)]
    reads = {}
    while wave:  # as the process-case flow does: every file, then what was found inside, wave by wave
        next_wave = []
        for source in wave:
            reads[source.path] = stages.read_source(source, workdir)
            next_wave += stages.attachment_sources(source, reads[source.path])
        wave = next_wave

    assert list(reads) == ["fw.eml", "fw.eml#판매중지 안내.eml", "fw.eml#판매중지 안내.eml#KC인증서.pdf"]
    assert reads["fw.eml#판매중지 안내.eml"].headers["Subject"] == "판매중지 안내"
    [kc] = reads["fw.eml#판매중지 안내.eml#KC인증서.pdf"].pages
    assert kc.source == PageSource.pdf_text and "HU071695-21012A" in kc.text


def test_quoted_printable_cp949_body_declared_euc_kr_and_a_gb2312_subject(tmp_path, workdir):
    body = "판매 중지 사유: KC 인증서 누락 (똠방각하)"  # 똠 is CP949 only, not in EUC-KR
    raw = b"\r\n".join([
        b"From: notice@coupang.com",
        b"Subject: " + _b64_word("授权书 品牌", "gb2312").encode(),
        b"MIME-Version: 1.0",
        b"Content-Type: text/plain; charset=euc-kr",
        b"Content-Transfer-Encoding: quoted-printable",
        b"",
        quopri.encodestring(body.encode("cp949")),
        b""])
    result = read_email(_write(tmp_path, "qp.eml", raw), workdir)
    assert result.headers["Subject"] == "授权书 品牌"
    assert result.pages[0].text.endswith(body)


def test_an_html_body_without_a_mime_charset_is_decoded_by_its_meta_tag(tmp_path, workdir):
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           "<body><p>授权书</p><p>被授权人: 深圳韩光贸易有限公司</p></body></html>"
    raw = (b"From: brand@hanbit.cn\r\nSubject: auth\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n"
           b"Content-Transfer-Encoding: 8bit\r\n\r\n" + html.encode("gb2312"))
    result = read_email(_write(tmp_path, "meta.eml", raw), workdir)
    # without the meta tag these bytes decode as CP949 into Korean-looking garbage
    assert result.pages[0].text.endswith("授权书\n被授权人: 深圳韩光贸易有限公司")


def test_an_eml_attached_as_a_plain_file_is_written_out_to_be_read_as_an_email(tmp_path, workdir, cert_pdf_bytes):
    inner = EmailMessage()
    inner["From"], inner["Subject"] = "notice@coupang.com", "판매중지 안내"
    inner.set_content(NOTICE_BODY)
    outer = EmailMessage()
    outer["From"], outer["Subject"] = "ops@hanbit.example", "FW"
    outer.set_content("원본 메일 첨부")
    outer.add_attachment(bytes(inner), maintype="application", subtype="octet-stream", filename="원본.eml")
    [attachment] = read_email(_write(tmp_path, "fw.eml", bytes(outer)), workdir).attachments
    assert attachment.name == "원본.eml"
    nested = read_file(Path(attachment.data_path), workdir)
    assert (nested.media_type, nested.headers["Subject"]) == ("message/rfc822", "판매중지 안내")


def test_a_header_the_parser_chokes_on_costs_that_header_not_the_email(tmp_path):
    from extractors.readers.read import read_file

    eml = tmp_path / "odd.eml"
    eml.write_bytes(b"From: Coupang <noreply@coupang.com>\r\nTo: ops@example.com\r\n"
                    b"Date: Mon, 1 Jan 99999999999 00:00:00 +0900\r\nSubject: =?utf-8?b?7YyQ66ek7KSR7KeA?=\r\n"
                    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
                    + "등록상품ID 7234567890 상품이 판매중지되었습니다.".encode())
    read = read_file(eml, tmp_path / "work", cache=False)
    assert read.pages and "7234567890" in read.pages[0].text
    assert not any(i.code.value == "unsupported_format" for i in read.issues)
