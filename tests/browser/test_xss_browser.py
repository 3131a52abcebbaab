"""XSS in headless Chromium: an article whose title and text carry a <script>, an <img onerror> and javascript:
links is uploaded, asked about (the deterministic model cites its sentence, the source card opens) and opened in
the Articles tab. No script may run (window.__xss stays undefined, no dialog), and the payload shows as text."""

from __future__ import annotations

import httpx
import pytest

from tests.browser.conftest import shot
from tests.browser.test_app_browser import ask, pick_article, tab

pytestmark = [pytest.mark.browser, pytest.mark.server]

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
LINK = '<a href="javascript:window.__xss=3">carte des crues</a>'
MD_LINK = "[plan](javascript:window.__xss=4)"
ARTICLE = (f"Alerte {SCRIPT} sur le Rhône\n\n"
           f"Le Progrès, 4 mars 2025. La préfecture du Rhône a publié un avis de crue {IMG} pour les quais de Lyon.\n"
           f"Une {LINK} et un {MD_LINK} circulaient sur les réseaux sociaux depuis lundi.\n"
           "Les quais resteront fermés jusqu'à vendredi selon la préfecture du Rhône.")
QUESTION = "Quel avis de crue la préfecture du Rhône a-t-elle publié pour les quais de Lyon ?"
NO_SCRIPT_RAN = "typeof window.__xss === 'undefined'"


def test_script_payloads_in_an_article_never_run_and_show_as_text(page, app_url, tmp_path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    upload = tmp_path / "crue_xss.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    tab(page, "Articles")
    page.locator("#upload input[type=file]").set_input_files(str(upload))
    page.locator("#upload-status .uploaded").wait_for()
    page.locator("#articles").get_by_text("crue_xss.txt").first.wait_for()
    assert page.evaluate(NO_SCRIPT_RAN)

    tab(page, "Ask")
    ask(page, QUESTION)
    marker = page.locator("#answer a.cite").first
    marker.wait_for()
    marker.click()
    card = page.locator("#sources .source-card.active")
    card.wait_for()
    assert "crue_xss.txt" in card.inner_text()
    assert IMG in page.locator("#answer").inner_text()  # the cited sentence, payload and all, as text
    assert IMG in card.locator("mark").inner_text()
    assert page.evaluate(NO_SCRIPT_RAN)

    tab(page, "Articles")
    pick_article(page, "crue_xss.txt")
    page.locator("#article-open").click()
    view = page.locator("#article-text .article-view")
    view.wait_for()
    text = view.inner_text()
    assert IMG in text and LINK in text and MD_LINK in text
    page.wait_for_timeout(500)  # let a failed <img> fire its onerror, were there one
    shot(page, "09-xss-article-as-text")

    assert page.evaluate(NO_SCRIPT_RAN), page.evaluate("window.__xss")
    assert dialogs == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("#answer img, #sources img, #article-text img").count() == 0
    articles = httpx.get(f"{app_url}/api/articles", timeout=30).json()["articles"]
    [added] = [a for a in articles if a["source"].endswith("crue_xss.txt")]
    assert SCRIPT in added["title"] or "window.__xss=1" in added["title"], added["title"]
    httpx.delete(f"{app_url}/api/articles/{added['article_id']}", timeout=30).raise_for_status()  # leave the seeds as found
