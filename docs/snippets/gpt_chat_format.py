# A chat is one long text with role markers; the model only ever continues text.
# Supervised fine-tuning (SFT) trains on such texts but counts the loss on the assistant's replies only.
conversation = [
    ("system", "You are a helpful assistant."),
    ("user", "Who wrote the Divan?"),
    ("assistant", "Hafez of Shiraz, in the 14th century."),
]


def render(turns: list[tuple[str, str]], reply_next: bool = False) -> tuple[str, list[int]]:
    """The chat as one string, and a 0/1 mask: 1 where a character counts in the SFT loss."""
    text, mask = "", []
    for role, content in turns:
        header, body = f"<|{role}|>\n", content + "<|end|>\n"
        text += header + body
        mask += [0] * len(header) + [1 if role == "assistant" else 0] * len(body)
    if reply_next:  # at inference the prompt ends with the assistant's header: "your turn"
        text += "<|assistant|>\n"
        mask += [0] * len("<|assistant|>\n")
    return text, mask


text, mask = render(conversation)
print(text, end="")
trained = "".join(c for c, m in zip(text, mask) if m)
print(f"{len(text)} characters, {sum(mask)} of them in the loss: {trained!r}")

prompt, _ = render(conversation[:2], reply_next=True)
print("prompt the model continues:", repr(prompt[-40:]))

# Expected output:
# <|system|>
# You are a helpful assistant.<|end|>
# <|user|>
# Who wrote the Divan?<|end|>
# <|assistant|>
# Hafez of Shiraz, in the 14th century.<|end|>
# 143 characters, 45 of them in the loss: 'Hafez of Shiraz, in the 14th century.<|end|>\n'
# prompt the model continues: 'o wrote the Divan?<|end|>\n<|assistant|>\n'
