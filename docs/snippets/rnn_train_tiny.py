# Train a tiny LSTM on the opening couplet of Hafez's Divan for a few windows and watch the loss fall.
import math

from lmdocs.i18n import tr
from lmdocs.rnn import CharRNN, CharTokenizer, TrainConfig, Trainer

text = "الا یا ایها الساقی ادر کاسا و ناولها\nکه عشق آسان نمود اول ولی افتاد مشکل‌ها\n" * 3
model = CharRNN(CharTokenizer.from_text(text), cell="lstm", hidden_size=16, seed=0)
trainer = Trainer(model, text, TrainConfig(seq_len=24, learning_rate=0.01))
V = model.tokenizer.vocab_size
print(tr("{V} different characters; a uniform guess costs ln {V} = {ce:.3f} nats per character",
         "{V} حرف متفاوت؛ حدس یکنواخت برای هر حرف {ce:.3f} نت هزینه دارد (لگاریتم طبیعی {V})",
         V=V, ce=math.log(V)))
for chunk in range(4):
    losses = trainer.train(15)  # 15 windows of 24 characters
    print(tr("after {n:4d} characters: loss {loss:.2f}", "پس از {n:4d} حرف: زیان {loss:.2f}",
             n=trainer.chars_seen, loss=sum(losses) / len(losses)))

# Expected output (en):
# 20 different characters; a uniform guess costs ln 20 = 2.996 nats per character
# after  360 characters: loss 2.82
# after  720 characters: loss 2.56
# after 1080 characters: loss 2.45
# after 1440 characters: loss 2.32
# Expected output (fa):
# ۲۰ حرف متفاوت؛ حدس یکنواخت برای هر حرف ۲٫۹۹۶ نت هزینه دارد (لگاریتم طبیعی ۲۰)
# پس از  ۳۶۰ حرف: زیان ۲٫۸۲
# پس از  ۷۲۰ حرف: زیان ۲٫۵۶
# پس از ۱۰۸۰ حرف: زیان ۲٫۴۵
# پس از ۱۴۴۰ حرف: زیان ۲٫۳۲
