# Sample from the LSTM trained on Hafez (shipped with lmdocs), at three temperatures.
from lmdocs.rnn import load_pretrained, sample

checkpoint = load_pretrained("lstm")
model = checkpoint.model
print(f"{model.cell_kind}, {model.hidden_size} units, {model.num_params():,} weights")
for temperature in (0.3, 0.7, 1.2):
    print(f"--- temperature {temperature}")
    print(sample(model, "\n", 120, temperature=temperature, seed=1))
