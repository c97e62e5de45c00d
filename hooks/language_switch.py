"""Build hook: the contextual language switch works with instant navigation.

mkdocs-static-i18n warns that its contextual language links do not survive Material's instant
navigation; ``assets/javascripts/language-switch.js`` recomputes them after every navigation (and
tests/browser/test_site_browser.py checks it), so that one warning is filtered out instead of failing
``--strict``. Every other warning still fails the build.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

KNOWN = "language switcher contextual link is not compatible with theme.features = navigation.instant"


class _HandledByLanguageSwitchJs(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return KNOWN not in record.getMessage()


def on_startup(**_kwargs) -> None:
    for name in ("mkdocs.plugins.mkdocs_static_i18n", "mkdocs_static_i18n", "mkdocs.plugins.mkdocs_static_i18n.reconfigure"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _HandledByLanguageSwitchJs) for f in logger.filters):
            logger.addFilter(_HandledByLanguageSwitchJs())


def on_post_build(config, **_kwargs) -> None:
    """Material fetches ``sitemap.xml`` under each language's root; serve the one sitemap there too."""
    site = Path(config["site_dir"])
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).exists() and (site / "en").is_dir():
            shutil.copy2(site / name, site / "en" / name)
