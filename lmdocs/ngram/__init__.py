"""n-gram language models with KenLM's conventions: counts, smoothing, scoring, sampling, ARPA.

>>> from lmdocs.ngram import NGramModel
>>> lm = NGramModel(order=3, discount_fallback=True).fit(["a b c", "a b d"])  # lmplz -o 3
>>> round(sum(lm.distribution(["a", "b"]).values()), 9)
1.0

Modules, one concept each: ``kenlm_text`` (where KenLM cuts lines and tokens), ``counts``
(padding, counting, continuation counts), ``mle``, ``add_k``, ``discounts`` (Kneser-Ney
discounts as lmplz estimates them), ``kneser_ney`` (both Kneser-Ney variants, in lmplz's stages),
``backoff`` (querying the resulting tables), ``arpa`` (the file format), ``sampling``,
``model`` (the public :class:`NGramModel`), ``__main__`` (the lmplz/query-like command line).
"""
from lmdocs.ngram.arpa import read_arpa, write_arpa
from lmdocs.ngram.counts import BOS, EOS, UNK, adjusted_counts, count_ngrams
from lmdocs.ngram.discounts import DiscountError
from lmdocs.ngram.kenlm_text import query_tokens, text_lines, training_tokens
from lmdocs.ngram.model import SMOOTHINGS, NGramModel, Perplexity
from lmdocs.ngram.sampling import tempered

__all__ = [
    "BOS", "EOS", "UNK", "SMOOTHINGS", "DiscountError", "NGramModel", "Perplexity",
    "adjusted_counts", "count_ngrams", "query_tokens", "read_arpa", "tempered", "text_lines",
    "training_tokens", "write_arpa",
]
