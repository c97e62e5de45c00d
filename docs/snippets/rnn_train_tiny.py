# Train a tiny LSTM on a line of Hafez for a few windows and watch the loss fall.
import math

from lmdocs.rnn import CharRNN, CharTokenizer, TrainConfig, Trainer

text = "الا یا ایها الساقی ادر کاسا و ناولها\nکه عشق آسان نمود اول ولی افتاد مشکل‌ها\n" * 3
model = CharRNN(CharTokenizer.from_text(text), cell="lstm", hidden_size=16, seed=0)
trainer = Trainer(model, text, TrainConfig(seq_len=24, learning_rate=0.01))
V = model.tokenizer.vocab_size
print(f"{V} characters; a uniform guess costs ln {V} = {math.log(V):.3f} nats per character")
for chunk in range(4):
    losses = trainer.train(15)  # 15 windows of 24 characters
    print(f"after {trainer.chars_seen:4d} characters: loss {sum(losses) / len(losses):.2f}")

# Expected output:
# 20 characters; a uniform guess costs ln 20 = 2.996 nats per character
# after  360 characters: loss 2.82
# after  720 characters: loss 2.56
# after 1080 characters: loss 2.45
# after 1440 characters: loss 2.32
