"""The chat template: how a conversation becomes text to train on, and which characters the loss counts.

>>> text, mask = render([{"role": "user", "content": "الا یا ایها الساقی"},
...                      {"role": "assistant", "content": "ادر کاسا و ناولها"}])
>>> print(text, end="")
> الا یا ایها الساقی
< ادر کاسا و ناولها
>>> "".join(c for c, counted in zip(text, mask) if counted)  # the loss counts the answer and its line break
'ادر کاسا و ناولها\\n'
>>> prompt([{"role": "user", "content": "hello"}])  # what a model continues to answer
'> hello\\n< '

Each message is one line: the user's starts with ``USER`` ("> "), the assistant's with
``ASSISTANT`` ("< "), and every message ends with ``END`` (a line break). Plain characters, so a
character-level model learns them like any other letter, and a reader sees the template as it
is. Supervised fine-tuning trains only on the assistant's answers: ``render`` returns, beside the
text, a mask that is True on the characters of each answer and on its closing line break (so the
model learns to stop) and False on everything the user wrote and on the markers, which the prompt
supplies. A model answers by continuing ``prompt(messages)`` up to its first line break
(``answer``).

The page's fine-tuning demo and the GPU recipe (``python -m lmdocs.recipes.sft``) both use this
module, so a model fine-tuned in one place talks the same way in the other. ``segments`` gives
the same text as pieces with one mask value each, for tokenizers that must not merge across the
boundary between prompt and answer (BPE): encode each piece on its own.
``extend_tokenizer`` gives a character model the characters a set of conversations uses and it
never saw: ">" and "<" are not Hafez characters, so a character model trained on Hafez gains two
token ids, appended after its own in code-point order (the model needs an embedding row for each;
the recipe adds rows initialised as nanoGPT initialises them). Both sides use this function, so a
model fine-tuned in the page and one fine-tuned by the recipe number their characters alike.

>>> from lmdocs.tokenizers import CharTokenizer
>>> extend_tokenizer(CharTokenizer("\\n ابل"), [[{"role": "user", "content": "بل"}]]).chars
'\\n ابل<>'

Not handled: system messages, multi-line messages (write a verse's two halves on one line, or
join lines with " / ").
"""
from __future__ import annotations

from lmdocs.tokenizers import CharTokenizer, Tokenizer

USER = "> "  # starts a user's line
ASSISTANT = "< "  # starts an assistant's line
END = "\n"  # ends every message
PREFIXES = {"user": USER, "assistant": ASSISTANT}
MARKERS = "".join(sorted(set(USER + ASSISTANT + END)))  # the characters the template adds to any text


def check_messages(messages: object) -> list[dict]:
    """``messages`` as a list of {"role", "content"} dicts; ValueError naming the first bad message.

    >>> check_messages([{"role": "bot", "content": "hi"}])
    Traceback (most recent call last):
    ...
    ValueError: message 1: role 'bot' is not one of user, assistant
    """
    if not isinstance(messages, list) or not messages:
        raise ValueError('"messages" must be a non-empty list of {"role": ..., "content": ...} objects')
    for number, message in enumerate(messages, 1):
        if not isinstance(message, dict) or set(message) - {"role", "content"} or "role" not in message \
                or "content" not in message:
            raise ValueError(f'message {number}: expected {{"role": ..., "content": ...}}, got {message!r:.80}')
        if message["role"] not in PREFIXES:
            raise ValueError(f"message {number}: role {message['role']!r} is not one of {', '.join(PREFIXES)}")
        if not isinstance(message["content"], str):
            raise ValueError(f"message {number}: content must be a string, got {type(message['content']).__name__}")
        if END in message["content"]:
            raise ValueError(f"message {number}: a message is one line; it holds a line break (join lines "
                             "with ' / ')")
    return messages


def segments(messages: list[dict]) -> list[tuple[str, bool]]:
    """The rendered conversation as (text, counted by the loss) pieces, in order."""
    pieces = []
    for message in check_messages(messages):
        prefix = PREFIXES[message["role"]]
        if message["role"] == "assistant":
            pieces += [(prefix, False), (message["content"] + END, True)]
        else:
            pieces.append((prefix + message["content"] + END, False))
    return pieces


def render(messages: list[dict]) -> tuple[str, list[bool]]:
    """(text, mask): the conversation as training text, and per character whether the loss counts it."""
    text, mask = [], []
    for piece, counted in segments(messages):
        text.append(piece)
        mask += [counted] * len(piece)
    return "".join(text), mask


def prompt(messages: list[dict]) -> str:
    """The text a model continues to answer ``messages`` (which end with the user's turn)."""
    return render(messages)[0] + ASSISTANT


def answer(continuation: str) -> str:
    """The model's answer: what it generated after ``prompt(...)``, up to its first line break."""
    return continuation.split(END, 1)[0]


def extend_tokenizer(tokenizer: Tokenizer, conversations: list[list[dict]]) -> Tokenizer:
    """A character tokenizer with the unseen characters of ``conversations`` (and of the template)
    appended, in code-point order; byte and BPE tokenizers encode any text and come back unchanged."""
    if not isinstance(tokenizer, CharTokenizer):
        return tokenizer
    used = set(MARKERS)
    for messages in conversations:
        used.update(render(messages)[0])
    return CharTokenizer(tokenizer.chars + "".join(sorted(used - set(tokenizer.chars))))
