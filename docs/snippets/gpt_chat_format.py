# A chat is one long text with role markers; the model only ever continues text.
# The template is lmdocs.chat's, the one the page's fine-tuning and the SFT recipe use:
# a user's line starts with "> ", the assistant's with "< ", and every message ends with a line break.
# Supervised fine-tuning (SFT) trains on such texts but counts the loss on the assistant's replies only.
from lmdocs import chat
from lmdocs.i18n import tr

conversation = [
    {"role": "user", "content": tr("Who wrote the Divan?", "دیوان را چه کسی سروده؟")},
    {"role": "assistant", "content": tr("Hafez of Shiraz, in the 14th century.",
                                        "حافظ شیرازی، در سدهٔ هشتم هجری.")},
]

text, mask = chat.render(conversation)  # mask[i] is True where character i counts in the loss
print(text, end="")
counted = "".join(c for c, m in zip(text, mask) if m)
print(tr("{n} characters, {k} of them in the loss: {s!r}", "{n} حرف، {k} تا در زیان: {s!r}",
         n=len(text), k=sum(mask), s=counted))

prompt = chat.prompt(conversation[:1])  # at inference: the question, then the assistant's marker
print(tr("the model continues: {p!r}", "مدل ادامه می‌دهد: {p!r}", p=prompt))

# Expected output (en):
# > Who wrote the Divan?
# < Hafez of Shiraz, in the 14th century.
# 63 characters, 38 of them in the loss: 'Hafez of Shiraz, in the 14th century.\n'
# the model continues: '> Who wrote the Divan?\n< '
# Expected output (fa):
# > دیوان را چه کسی سروده؟
# < حافظ شیرازی، در سدهٔ هشتم هجری.
# ۵۹ حرف، ۳۲ تا در زیان: 'حافظ شیرازی، در سدهٔ هشتم هجری.\n'
# مدل ادامه می‌دهد: '> دیوان را چه کسی سروده؟\n< '
