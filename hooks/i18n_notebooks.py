"""Build hook: keep mkdocs-jupyter notebook pages alive under mkdocs-static-i18n.

mkdocs-static-i18n rebuilds every file with ``create_i18n_file`` after mkdocs-jupyter has wrapped
notebooks (``.ipynb`` and jupytext ``.py``) in its ``NotebookFile``. The rebuilt file is a plain
``File``, so the notebook is no longer a documentation page: it is copied as raw source, drops out of
the nav and search, and ``--strict`` still passes (upstream mkdocs-static-i18n issue 198). This hook
wraps ``create_i18n_file`` so that a notebook stays a page, with the i18n plugin's own destination
(locale suffix removed, language folder added).
"""
from __future__ import annotations

import os
from pathlib import PurePosixPath

from mkdocs_jupyter.plugin import NotebookFile
from mkdocs_static_i18n import folder, suffix

NOTEBOOK_SUFFIXES = (".ipynb", ".py")


class I18nNotebookFile(NotebookFile):
    """A NotebookFile whose destination is the one the i18n plugin chose, turned into a page URL."""

    def __init__(self, i18n_file, use_directory_urls: bool, site_dir: str):
        self.file = i18n_file
        source_dest = PurePosixPath(str(i18n_file.dest_path).replace(os.sep, "/"))
        stem_dest = source_dest.with_suffix("")
        if use_directory_urls and stem_dest.name != "index":
            page_dest = stem_dest / "index.html"
            url = f"{stem_dest.as_posix()}/"
        else:
            page_dest = stem_dest.with_suffix(".html")
            url = page_dest.as_posix() if not use_directory_urls else f"{stem_dest.parent.as_posix()}/"
        self.dest_path = page_dest.as_posix()
        self.abs_dest_path = os.path.normpath(os.path.join(site_dir, self.dest_path))
        self.url = "" if url in ("./", "/") else url.lstrip("/")


def _wrap(create_i18n_file):
    def create_i18n_notebook_aware_file(file, current_language, default_language, all_languages, config):
        i18n_file = create_i18n_file(file, current_language, default_language, all_languages, config)
        if isinstance(file, NotebookFile) or _is_included_notebook(file, config):
            return I18nNotebookFile(i18n_file, config.use_directory_urls, config.site_dir)
        return i18n_file

    create_i18n_notebook_aware_file.__wrapped__ = create_i18n_file
    return create_i18n_notebook_aware_file


def _is_included_notebook(file, config) -> bool:
    plugin = config.plugins.get("mkdocs-jupyter")
    return bool(plugin and str(file.src_path).endswith(NOTEBOOK_SUFFIXES) and plugin.should_include(file))


def on_startup(**_kwargs) -> None:
    for module in (suffix, folder):
        if not hasattr(module.create_i18n_file, "__wrapped__"):
            module.create_i18n_file = _wrap(module.create_i18n_file)
