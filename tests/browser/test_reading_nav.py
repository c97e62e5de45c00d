"""Finding and moving between pages, in headless Chromium (issues 16.6, 16.7 and 18.5):

- search offers pages of the reader's language only;
- text that reaches the search box without a key (paste, input method, phone keyboard) searches;
- moving through every page of a language with instant navigation logs no console error and no
  failed request (the sitemap of each language is fetched at its root, not under the page);
- a missing URL gets a Persian right-to-left 404 page at the root and an English one under /en/.
"""
from __future__ import annotations

import re

import pytest

from support.browser import FIRST_RUN_MS, collect_page_errors, leave_page, wait_for_new_page

pytestmark = pytest.mark.browser

RESULTS = ".md-search-result__link"


def _open_search(page, url: str):
    page.goto(url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    return box


def _results(page) -> list[str]:
    page.wait_for_selector(RESULTS, timeout=30_000)
    return page.locator(RESULTS).evaluate_all("(links) => links.map((a) => a.origin + a.pathname)")


@pytest.mark.parametrize(("path", "query"), [("en/", "transformer"), ("", "transformer"), ("", "ترنسفورمر")])
def test_search_offers_pages_of_the_readers_language_only(page, server_url, path, query):
    box = _open_search(page, server_url + path)
    box.fill(query)
    results = _results(page)
    english = [url for url in results if url.startswith(server_url + "en/")]
    assert results, f"no result for {query!r}"
    if path == "en/":
        assert english == results, f"Persian pages offered on an English page: {sorted(set(results) - set(english))}"
    else:
        assert english == [], f"English pages offered on a Persian page: {sorted(set(english))}"


def test_a_search_result_opens_with_its_own_language_and_direction(page, server_url):
    box = _open_search(page, server_url + "en/")
    box.fill("transformer")
    _results(page)
    with page.expect_navigation():
        page.locator(RESULTS).first.click()
    assert page.evaluate("[document.documentElement.lang, getComputedStyle(document.body).direction]") == ["en", "ltr"]


# How the text arrives: none of these sends a key-up, which is all Material listened to.
ARRIVALS = {
    "paste": """(box) => { box.value = 'شبکه'; box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'})); }""",
    "input method": """(box) => {
        box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
        box.value = 'شبکه';
        box.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true, inputType: 'insertCompositionText'}));
        box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: 'شبکه'})); }""",
}


@pytest.mark.parametrize("how", ARRIVALS)
def test_search_answers_text_that_arrives_without_a_key(page, server_url, how):
    box = _open_search(page, server_url)
    box.evaluate(ARRIVALS[how])
    assert _results(page), f"no results after text arrived by {how}"


def test_search_answers_a_virtual_keyboard(page, server_url):
    box = _open_search(page, server_url + "en/")
    page.keyboard.insert_text("attention")        # an input event only, as a phone's keyboard sends
    assert any(url.startswith(server_url + "en/") for url in _results(page))


def test_an_unfinished_composition_does_not_search_yet(page, server_url):
    box = _open_search(page, server_url)
    box.evaluate("""(box) => { box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
        box.value = 'شبکه';
        box.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true})); }""")
    # Material shows "type to start searching" until a query arrives; it is still there.
    assert page.locator(".md-search-result__meta").inner_text().strip() != ""
    assert page.locator(".md-search-result__item").count() == 0
    box.evaluate("(box) => box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true}))")
    assert _results(page)


def _language_pages(site, english: bool) -> list[str]:
    paths = []
    for html in site.html_pages():
        relative = html.relative_to(site.path).as_posix()
        path = relative.removesuffix("index.html")
        if not relative.startswith("assets/") and path.startswith("en/") == english:
            paths.append(path)
    return paths


@pytest.mark.parametrize("english", [False, True], ids=["fa", "en"])
def test_every_page_without_console_errors_or_failed_requests(site, server_url, page, english):
    """Every page of one language loaded as a reader does (scrolled to its first cell, which starts Python),
    then a walk by instant navigation, after which Material fetches each language's sitemap again."""
    errors = collect_page_errors(page)
    failed = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}")
            if request.failure != "net::ERR_ABORTED" else None)
    home = server_url + ("en/" if english else "")
    for path in _language_pages(site, english):
        page.goto(server_url + path, wait_until="load")
        if page.locator("div.pyrun").count():      # the reader scrolls to a cell: Python is fetched and started
            page.locator("div.pyrun").first.scroll_into_view_if_needed()
            page.wait_for_function("() => performance.getEntriesByName('lmdocs: Python start-up').length > 0",
                                   timeout=FIRST_RUN_MS)
        page.wait_for_load_state("networkidle", timeout=FIRST_RUN_MS)
    page.goto(home, wait_until="networkidle")
    for path in ("glossary/", "tokenization/", "contributing/figures/"):
        url = home + path
        leave_page(page)
        page.evaluate("""(url) => { const a = document.createElement('a'); a.href = url;
                                    document.querySelector('.md-content').append(a); a.click(); }""", url)
        wait_for_new_page(page, url)
        page.wait_for_load_state("networkidle")
    assert failed == [] and errors == [], f"failed requests: {failed}\nconsole: {errors}"


@pytest.mark.parametrize(("missing", "lang", "direction", "home"), [
    ("no/such/page/", "fa", "rtl", ""),
    ("en/no/such/page/", "en", "ltr", "en/"),
])
def test_a_missing_page_gets_a_404_in_its_language(site_dir, server_url, page, missing, lang, direction, home):
    # A static host (GitHub Pages) answers any missing path with the site's 404.html and status 404.
    page.route(server_url + missing, lambda route: route.fulfill(status=404, path=str(site_dir / "404.html"),
                                                                content_type="text/html; charset=utf-8"))
    errors = collect_page_errors(page)
    response = page.goto(server_url + missing, wait_until="networkidle")
    assert response.status == 404
    assert page.evaluate("[document.documentElement.lang, getComputedStyle(document.body).direction]") == [lang, direction]
    heading = page.locator("main:visible h1").inner_text()
    assert ("پیدا نشد" in heading) if lang == "fa" else ("not found" in heading)
    hrefs = page.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs and not [href for href in hrefs if re.search(r"(?<!:)//", href)], hrefs
    home_link = page.locator("main:visible a").first.evaluate("(a) => a.href")
    assert home_link == server_url + home
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.replace('"', "").startswith("Vazirmatn")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    assert [error for error in errors if missing not in error] == []   # Chrome logs the 404 itself
