"""MkDocs hook: the ```pyrun fence, a Python block the reader can edit and run in the page.

Markdown (inside a page of docs/):

    ```pyrun autorun="1" title="n-gram explorer"
    --8<-- "demos/ngram_explorer.py"
    ```

becomes

    <div class="pyrun" data-pyrun-config='{"code": "...", "autorun": true, "title": "..."}'>
      <div class="pyrun-static">...the code, highlighted like any ```python block...</div>
    </div>

The runner (overrides/assets/javascripts/runner/index.js) replaces the static copy with an editor. The
static copy is what readers without JavaScript, search engines and printers see; the JSON config
sits in an attribute (escaped), so search indexes the code once. It is not a <script
type="application/json"> block: Material's instant navigation re-inserts every <script> of the new
page without its type, which would run the JSON as JavaScript.

Options: autorun ("1"/"0"/"true"/"false": start the block when it scrolls into view, for demos) and
title (a caption above the editor). Any other option stops the build with a sentence naming it.
Needs pymdownx.superfences in markdown_extensions; pymdownx.snippets expands `--8<--` first.
"""
from __future__ import annotations

import html
import json
from typing import Any

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

FENCE = "pyrun"
OPTIONS = {"autorun": "start the block when it scrolls into view (a demo): 1 or 0",
           "title": "a caption shown above the editor"}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
_current_page = {"src": "?"}


class PyrunOptionError(SuperFencesException, PluginError):
    """A ```pyrun fence has an option the runner does not know or a value it cannot read."""


def _options_help() -> str:
    return "; ".join(f'{name}="..." ({why})' for name, why in OPTIONS.items())


def validate(language: str, inputs: dict, options: dict, attrs: dict, md: Any) -> bool:
    """Check the fence's options; unknown ones stop the build (superfences re-raises our error)."""
    where = f"in {_current_page['src']}"
    for name, value in inputs.items():
        if name not in OPTIONS:
            raise PyrunOptionError(f'Unknown option {name}="{value}" on a ```pyrun block {where}. '
                                   f"Known options: {_options_help()}.")
        if name == "autorun":
            lowered = str(value).lower()
            if lowered not in _TRUE | _FALSE:
                raise PyrunOptionError(f'autorun="{value}" on a ```pyrun block {where} is not a yes/no '
                                       'value: write autorun="1" (start when visible) or leave it out.')
            options["autorun"] = lowered in _TRUE
        else:
            options[name] = str(value)
    return True


def _highlight(source: str, md: Any) -> str:
    """The code as a normal highlighted ```python block (same look as the rest of the site)."""
    try:
        fences = md.preprocessors["fenced_code_block"]
        return fences.highlight(src=source, language="python", options={}, md=md,
                                classes=[], id_value="", attrs={})
    except Exception:  # no highlighter configured: a plain escaped block is still correct
        return f'<pre><code class="language-python">{html.escape(source)}</code></pre>'


def format_pyrun(source: str, language: str, class_name: str, options: dict, md: Any,
                 **kwargs: Any) -> str:
    """Render one ```pyrun block (see the module docstring for the HTML)."""
    config = {"code": source.rstrip("\n") + "\n", "autorun": bool(options.get("autorun", False)),
              "title": options.get("title", "")}
    attribute = html.escape(json.dumps(config, ensure_ascii=False), quote=True)
    return (f'<div class="pyrun" data-pyrun-config="{attribute}">'
            f'<div class="pyrun-static">{_highlight(source, md)}</div></div>')


def on_config(config: Any) -> Any:
    """Register the ```pyrun fence with pymdownx.superfences."""
    if "pymdownx.superfences" not in config["markdown_extensions"]:
        raise PluginError("hooks/pyrun.py needs pymdownx.superfences: add it to markdown_extensions "
                          "in mkdocs.yml.")
    superfences = config["mdx_configs"].setdefault("pymdownx.superfences", {})
    fences = superfences.setdefault("custom_fences", [])
    if not any(fence.get("name") == FENCE for fence in fences):
        fences.append({"name": FENCE, "class": "pyrun", "format": format_pyrun, "validator": validate})
    return config


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Remember which page is being rendered, so option errors can name it."""
    _current_page["src"] = page.file.src_uri
    return markdown
