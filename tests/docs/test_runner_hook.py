"""hooks/pyrun.py: the ```pyrun fence renders the runner's HTML; bad options stop the build."""
from __future__ import annotations

import html
import importlib.util
import json
import re
import subprocess
import sys
import textwrap

import markdown
import pytest

from support.cells import ROOT


def _load_hook():
    spec = importlib.util.spec_from_file_location("pyrun_hook", ROOT / "hooks" / "pyrun.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _load_hook()


def render(text: str) -> str:
    config = {"markdown_extensions": ["pymdownx.highlight", "pymdownx.superfences"], "mdx_configs": {}}
    hook.on_config(config)
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    return md.convert(textwrap.dedent(text))


def config_of(rendered: str) -> dict:
    match = re.search(r'data-pyrun-config="([^"]*)"', rendered)
    assert match, rendered
    return json.loads(html.unescape(match.group(1)))


def test_fence_becomes_a_runner_block_with_its_code_as_json():
    out = render('```pyrun\nprint("سلام")\n```\n')
    assert out.startswith('<div class="pyrun" data-pyrun-config=')
    assert config_of(out) == {"code": 'print("سلام")\n', "autorun": False, "title": ""}
    static = out.split('class="pyrun-static">', 1)[1]
    assert "highlight" in static and "سلام" in html.unescape(re.sub(r"<[^>]+>", "", static))


def test_autorun_and_title_options():
    out = render('```pyrun autorun="1" title="demo <1>"\nx = 1\n```\n')
    assert config_of(out)["autorun"] is True and config_of(out)["title"] == "demo <1>"
    assert config_of(render('```pyrun autorun="0"\nx = 1\n```\n'))["autorun"] is False


def test_html_in_code_cannot_break_out_of_the_config_attribute():
    code = 'print("\\"><script>alert(1)</script>\' & <b>")\n'
    out = render(f"```pyrun\n{code}```\n")
    assert "<script" not in out and "<b>" not in out         # escaped in the attribute and the static copy
    assert config_of(out)["code"] == code


def test_no_script_element_is_emitted():
    """Material's instant navigation re-runs <script> elements without their type: the config is an attribute."""
    assert "<script" not in render('```pyrun\nx = 1\n```\n')


def test_plain_python_fence_stays_static():
    assert "pyrun" not in render("```python\nx = 1\n```\n")


def test_unknown_option_is_a_clear_error():
    with pytest.raises(hook.PyrunOptionError, match=r'Unknown option autostart="1".*Known options: autorun'):
        render('```pyrun autostart="1"\nx = 1\n```\n')


def test_unreadable_autorun_value_is_a_clear_error():
    with pytest.raises(hook.PyrunOptionError, match=r'autorun="maybe".*not a yes/no value'):
        render('```pyrun autorun="maybe"\nx = 1\n```\n')


def test_missing_superfences_is_a_clear_error():
    from mkdocs.exceptions import PluginError
    with pytest.raises(PluginError, match="needs pymdownx.superfences"):
        hook.on_config({"markdown_extensions": ["tables"], "mdx_configs": {}})


def test_registering_twice_adds_the_fence_once():
    config = {"markdown_extensions": ["pymdownx.superfences"],
              "mdx_configs": {"pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid"}]}}}
    hook.on_config(config)
    hook.on_config(config)
    names = [f["name"] for f in config["mdx_configs"]["pymdownx.superfences"]["custom_fences"]]
    assert names == ["mermaid", "pyrun"]


def test_a_bad_option_stops_a_real_mkdocs_build_and_names_the_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('# Home\n\n```pyrun autostart="1"\nx = 1\n```\n', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: t
        hooks: [{ROOT / 'hooks' / 'pyrun.py'}]
        markdown_extensions: [pymdownx.superfences]
        """), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode != 0
    assert 'Unknown option autostart="1"' in done.stderr and "index.md" in done.stderr
