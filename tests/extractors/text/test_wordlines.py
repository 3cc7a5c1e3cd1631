"""Words back into a line: the Hangul model's split syllables joined, real word spaces kept."""

from __future__ import annotations

from casefile.pages import Word
from extractors.text.wordlines import line_text


def _word(text: str, left: float, width: float, height: float = 20) -> Word:
    return Word(text=text, left=left, top=0, width=width, height=height, confidence=0.9)


def test_touching_or_overlapping_hangul_pieces_are_one_word():
    # "판매중지 상품정보 불일치" as the model splits it: syllable boxes inside or against each other
    row = [_word("판매", 0, 40), _word("중지", 39, 40), _word("상", 100, 20), _word("품", 118, 20),
           _word("정보", 139, 40), _word("불일치", 187, 60)]
    assert line_text(row) == "판매중지 상품정보 불일치"


def test_a_word_space_and_latin_neighbours_keep_their_space():
    row = [_word("무선", 0, 40), _word("미니", 49, 40), _word("FN-3", 91, 40), _word("화이트", 132, 60)]
    assert line_text(row) == "무선 미니 FN-3 화이트"  # 9 px = 0.45 of the height: a space


def test_an_empty_row_is_an_empty_line():
    assert line_text([]) == ""


def test_a_number_and_its_counter_split_by_the_model_are_one_word():
    row = [_word("멀티탭", 0, 60), _word("4", 69, 10), _word("구", 80, 20), _word("2", 109, 10), _word("m", 129, 12)]
    assert line_text(row) == "멀티탭 4구 2 m"  # 1 px: a counter; a Latin unit keeps what it was given
