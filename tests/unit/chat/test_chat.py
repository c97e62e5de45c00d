"""The chat template shared by the page's fine-tuning and the sft recipe: text, mask, prompt, errors."""
import pytest

from lmdocs import chat
from lmdocs.tokenizers import ByteTokenizer, CharTokenizer

CONVERSATION = [
    {"role": "user", "content": "مصراع اول: الا یا ایها الساقی ادر کاسا و ناولها"},
    {"role": "assistant", "content": "که عشق آسان نمود اول ولی افتاد مشکل‌ها"},
    {"role": "user", "content": "and the rhyme?"},
    {"role": "assistant", "content": "ها"},
]


def test_render_writes_one_line_per_message_and_masks_only_the_answers():
    text, mask = chat.render(CONVERSATION)
    assert text == ("> مصراع اول: الا یا ایها الساقی ادر کاسا و ناولها\n< که عشق آسان نمود اول ولی افتاد مشکل‌ها\n"
                    "> and the rhyme?\n< ها\n")
    assert len(mask) == len(text)
    counted = "".join(c if m else "|" for c, m in zip(text, mask))
    pieces = [p for p in counted.split("|") if p]
    assert pieces == ["که عشق آسان نمود اول ولی افتاد مشکل‌ها\n", "ها\n"]  # answers and their line breaks


def test_segments_are_the_rendered_text_in_pieces():
    pieces = chat.segments(CONVERSATION)
    text, mask = chat.render(CONVERSATION)
    assert "".join(p for p, _ in pieces) == text
    assert [m for p, counted in pieces for m in [counted] * len(p)] == mask
    assert [p for p, counted in pieces if not counted][1] == chat.ASSISTANT  # the marker is the prompt's


def test_prompt_and_answer():
    question = CONVERSATION[:1]
    assert chat.prompt(question) == "> مصراع اول: الا یا ایها الساقی ادر کاسا و ناولها\n< "
    assert chat.answer("که عشق آسان نمود\n> next question") == "که عشق آسان نمود"
    assert chat.answer("no line break yet") == "no line break yet"
    assert chat.MARKERS == "\n <>"


def test_a_character_tokenizer_gains_the_template_and_the_unseen_characters_at_its_end():
    hafez = CharTokenizer("\n ابت")
    grown = chat.extend_tokenizer(hafez, [CONVERSATION[:2], [{"role": "user", "content": "ok"}]])
    assert grown.chars.startswith(hafez.chars)  # old ids keep their meaning
    added = grown.chars[len(hafez.chars):]
    assert list(added) == sorted(added) and {"<", ">", "o", "k", "\u200c"} <= set(added)
    assert set(grown.chars) == set(hafez.chars) | set("".join(chat.render(m)[0] for m in (CONVERSATION[:2],)) + "ok")
    assert chat.extend_tokenizer(grown, [CONVERSATION[:2]]) == grown  # nothing new: the same tokenizer
    assert chat.extend_tokenizer(ByteTokenizer(), [CONVERSATION]) == ByteTokenizer()


@pytest.mark.parametrize("messages, message", [
    ([], "must be a non-empty list"),
    ("hi", "must be a non-empty list"),
    ([{"role": "user"}], 'message 1: expected {"role": ..., "content": ...}'),
    ([{"role": "user", "content": "a", "name": "x"}], "message 1: expected"),
    ([{"role": "user", "content": "a"}, {"role": "system", "content": "b"}], "message 2: role 'system' is not one of"),
    ([{"role": "assistant", "content": 3}], "message 1: content must be a string, got int"),
    ([{"role": "user", "content": "two\nlines"}], "message 1: a message is one line"),
])
def test_bad_messages_name_the_message(messages, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("{", r"\{").replace(".", r"\.")):
        chat.render(messages)
