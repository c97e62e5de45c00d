"""The built site in a real browser (headless Chromium): direction, font, math, language switch,
Persian search, and no request leaving the machine."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from support.browser import FIRST_RUN_MS, leave_page, wait_for_new_page

pytestmark = pytest.mark.browser


@pytest.fixture
def offline_page(context, server_url):
    """A page whose every request to another host is aborted and recorded."""
    page = context.new_page()
    page.external_requests = []
    page.failed_assets = []
    local = urlsplit(server_url).netloc

    def route(route):
        if urlsplit(route.request.url).netloc != local:
            page.external_requests.append(route.request.url)
            return route.abort()
        return route.continue_()

    def on_response(response):
        if response.status >= 400:
            page.failed_assets.append(f"{response.status} {response.url}")

    page.route("**/*", route)
    page.on("response", on_response)
    def on_failed(request):
        # ERR_ABORTED is a request the browser itself cancelled because the test moved on to the
        # next page (the runner preloads Pyodide when the page is idle); a missing file is a 404 above.
        if urlsplit(request.url).netloc == local and request.failure != "net::ERR_ABORTED":
            page.failed_assets.append(f"failed {request.url} ({request.failure})")

    page.on("requestfailed", on_failed)
    yield page
    page.close()


def _page_urls(site, server_url) -> list[str]:
    urls = []
    for html in site.html_pages():
        relative = html.relative_to(site.path).as_posix()
        if relative.startswith("assets/"):
            continue
        urls.append(server_url + relative.removesuffix("index.html"))
    return urls


def load_completely(page, url: str) -> None:
    """Load ``url`` and wait for what it fetches after the load: on a page with runnable blocks the
    runner downloads Python (Pyodide and the lmdocs wheel) once a cell comes near the window, so
    scroll to the first one and wait until Python is ready; then until the network is quiet (the
    search index, the sitemaps, fonts)."""
    page.goto(url, wait_until="load")
    if page.locator("div.pyrun").count():
        page.evaluate("document.querySelector('div.pyrun').scrollIntoView()")
        page.wait_for_function("() => performance.getEntriesByName('lmdocs: Python start-up').length > 0",
                               timeout=FIRST_RUN_MS)
    page.wait_for_load_state("networkidle", timeout=FIRST_RUN_MS)


def test_every_page_loads_with_no_third_party_request_and_no_failed_asset(site, server_url, offline_page):
    urls = _page_urls(site, server_url)
    assert server_url in urls and server_url + "en/" in urls
    for url in urls:
        load_completely(offline_page, url)
    assert offline_page.external_requests == []
    assert offline_page.failed_assets == []


@pytest.mark.parametrize(("path", "lang", "direction"), [("", "fa", "rtl"), ("en/", "en", "ltr")])
def test_direction_and_language(offline_page, server_url, path, lang, direction):
    offline_page.goto(server_url + path)
    assert offline_page.evaluate("document.documentElement.lang") == lang
    assert offline_page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == direction
    # Code stays left to right on both.
    assert offline_page.evaluate("getComputedStyle(document.querySelector('.md-typeset pre')).direction") == "ltr"


def test_vazirmatn_is_loaded_and_used_on_persian_pages(offline_page, server_url):
    offline_page.goto(server_url, wait_until="networkidle")
    offline_page.evaluate("document.fonts.ready")
    assert offline_page.evaluate("document.fonts.check('16px Vazirmatn')")
    loaded = offline_page.evaluate(
        "[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Vazirmatn' && f.status === 'loaded').length"
    )
    assert loaded >= 1
    family = offline_page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
    assert family.startswith('Vazirmatn') or family.startswith('"Vazirmatn"')


@pytest.mark.parametrize("path", ["", "en/"])
def test_math_is_rendered_by_katex_left_to_right(offline_page, server_url, path):
    offline_page.goto(server_url + path)
    offline_page.wait_for_selector(".arithmatex .katex")
    assert offline_page.evaluate("getComputedStyle(document.querySelector('.arithmatex .katex')).direction") == "ltr"
    assert offline_page.evaluate("getComputedStyle(document.querySelector('.arithmatex')).direction") == "ltr"


def _switch_language(page, lang: str) -> None:
    page.locator(".md-header__option .md-select button").first.hover()
    link = page.locator(f".md-select__link[hreflang={lang}]").first
    with page.expect_navigation():
        link.click()
    # the page may load twice (the service worker's one reload that makes it cross-origin isolated):
    # read it only once a document with a body has finished loading
    page.wait_for_function("document.readyState === 'complete' && document.body !== null")


def test_language_switch_lands_on_the_same_page_in_the_other_language(offline_page, server_url, site):
    page = offline_page
    page.goto(server_url)
    _switch_language(page, "en")
    assert page.url == server_url + "en/"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    _switch_language(page, "fa")
    assert page.url == server_url
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_language_switch_follows_instant_navigation(offline_page, server_url):
    """After navigating without a reload, the switch must point at the new page, not the first one."""
    page = offline_page
    page.goto(server_url, wait_until="networkidle")
    page.evaluate("window.__noReload = true")
    link = page.locator(".lm-toc a").first  # an article linked from the home page
    assert link.count() == 1, "the home page links no article: nothing to navigate to"
    target = link.evaluate("a => a.href")
    leave_page(page)
    link.click()  # Material's instant navigation: fetch + history.pushState, no reload
    wait_for_new_page(page, target)
    assert page.evaluate("window.__noReload") is True
    _switch_language(page, "en")
    assert page.url == server_url + "en/" + target[len(server_url):]
    assert page.evaluate("document.documentElement.lang") == "en"


def test_a_link_into_the_other_language_loads_the_page_in_that_language(offline_page, server_url):
    """Instant navigation keeps the document's language and direction: crossing languages must reload."""
    page = offline_page
    page.goto(server_url + "en/series/3-rnn/", wait_until="networkidle")
    page.evaluate("window.__noReload = true")
    with page.expect_navigation():
        page.evaluate("""(url) => { const a = document.createElement('a'); a.href = url;
                                    document.querySelector('.md-content').append(a); a.click(); }""",
                      server_url + "series/3-rnn/")
    assert page.url == server_url + "series/3-rnn/"
    assert page.evaluate("window.__noReload") is None
    assert page.evaluate("[document.documentElement.lang, getComputedStyle(document.body).direction]") == ["fa", "rtl"]


# (query, how it is typed, the page that must be found: it holds the word in its Persian spelling)
PERSIAN_QUERIES = [
    ("شبکه‌های", "with a zero-width non-joiner", "series/3-rnn/"),
    ("شبکه های", "with a space", "series/3-rnn/"),
    ("بازگشتي", "with Arabic yeh", "series/3-rnn/"),
    ("كانال", "with Arabic kaf", ""),
    ("بازگَشتی", "with a diacritic", "series/3-rnn/"),
]


@pytest.mark.parametrize(("query", "how", "expected"), PERSIAN_QUERIES)
def test_persian_search_finds_the_page(offline_page, server_url, query, how, expected):
    page = offline_page
    page.goto(server_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # fill() with non-ASCII text sends no keyup, which Material listens for
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    results = page.locator(".md-search-result__link").evaluate_all(
        "links => links.map(a => a.origin + a.pathname)"
    )
    assert server_url + expected in results, f"searching {how} ({query!r}) found {sorted(set(results))}"


def test_screenshots_of_the_home_page_in_both_languages(offline_page, server_url, artifacts_dir):
    for path, name in (("", "home-fa.png"), ("en/", "home-en.png")):
        offline_page.goto(server_url + path, wait_until="networkidle")
        offline_page.evaluate("document.fonts.ready")
        offline_page.screenshot(path=str(artifacts_dir / name), full_page=True)
        assert (artifacts_dir / name).stat().st_size > 10_000
