# Sample from the LSTM trained on Hafez (shipped with lmdocs), at three temperatures.
from lmdocs.i18n import tr
from lmdocs.rnn import load_pretrained, sample

checkpoint = load_pretrained("lstm")
model = checkpoint.model
print(tr("{cell}, {H} units, {n:,} parameters", "{cell}، {H} واحد، {n:,} پارامتر",
         cell=model.cell_kind.upper(), H=model.hidden_size, n=model.num_params()))
for temperature in (0.3, 0.7, 1.2):
    print(tr("--- temperature {t}", "--- دمای {t}", t=temperature))
    print(sample(model, "\n", 120, temperature=temperature, seed=1))
