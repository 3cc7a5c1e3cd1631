"""Plain text files and the shared text helpers."""

from __future__ import annotations

import unicodedata

import pytest

from casefile.codes import PageSource
from extractors.readers.plain import decode_bytes, junk_char_count, read_plain, real_char_count, tidy_text

KOREAN = "판매중지 소명서\n인증번호: HU071695-21012A\n"
CHINESE = "深圳市韩彬贸易有限公司\n授权书\n"


@pytest.mark.parametrize(
    ("text", "encoding", "codec"),
    [
        (KOREAN, "utf-8", "utf-8"),
        (KOREAN, "utf-8-sig", "utf-8-sig"),
        (KOREAN, "utf-16", "utf-16"),
        (KOREAN, "cp949", "cp949"),
        (CHINESE, "gb18030", "gb18030"),
    ],
)
def test_reads_each_encoding(tmp_path, text, encoding, codec):
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode(encoding))
    result = read_plain(path)
    [page] = result.pages
    assert page.source == PageSource.plain
    assert page.text == text.strip("\n")
    assert page.strategy == f"plain:{codec}"


def test_page_text_is_nfc_without_trailing_spaces_or_crlf(tmp_path):
    path = tmp_path / "n.txt"
    path.write_bytes(unicodedata.normalize("NFD", "한빛무역   \r\n인증  \r\n").encode())
    assert read_plain(path).pages[0].text == "한빛무역\n인증"


def test_declared_charset_wins_and_wrong_declarations_fall_back():
    euc = "안전인증".encode("euc-kr")
    assert decode_bytes(euc, "euc-kr") == ("안전인증", "cp949")  # EUC-KR read as its superset
    assert decode_bytes(euc, "utf-8") == ("안전인증", "cp949")  # declared wrongly
    assert decode_bytes("深圳".encode("gbk"), "gb2312")[0] == "深圳"
    assert decode_bytes(b"abc", "no-such-charset") == ("abc", "utf-8")


def test_real_and_junk_characters():
    assert real_char_count("인증 번호: 12") == 6
    assert real_char_count("(cid:12)(cid:34)\ufffd\ue000") == 0
    assert junk_char_count("(cid:12)(cid:34)\ufffd\ue000") == 4


def test_tidy_text_strips_blank_lines_at_the_ends_only():
    assert tidy_text("\n\n a  \n\n b\t\n\n") == " a\n\n b"
