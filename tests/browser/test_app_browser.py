"""The app in headless Chromium: ask and open the evidence, refusal with closest passages, upload and answer
from the new article, summary, delete, evaluate, French labels. Screenshots go to tests/browser/artifacts/."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.server]

OREShNIK_FR = "Quand le missile Oreshnik pourrait-il être déployé au Bélarus ?"
BRIDGE = ("Le Progrès, 3 mars 2025. La mairie de Lyon a inauguré lundi une passerelle piétonne sur le Rhône. "
          "La passerelle a coûté 12 millions d'euros et relie Gerland au 7e arrondissement.\nLes travaux ont duré deux ans.")

# Records whether the answer ever showed partial (streamed) text before the checked answer replaced it.
WATCH_STREAM = """
() => { window.__streamed = 0; const target = document.getElementById('answer');
  new MutationObserver(() => { if (target.querySelector('.streaming')) window.__streamed += 1; })
    .observe(target, {childList: true, subtree: true, characterData: true}); }
"""


def ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()


def tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def pick_article(page, text: str) -> None:
    page.locator("#article-picker input").click()
    page.get_by_role("option", name=re.compile(re.escape(text))).first.click()


def test_ask_streams_a_cited_answer_and_a_click_opens_the_highlighted_source(page) -> None:
    page.evaluate(WATCH_STREAM)
    ask(page, OREShNIK_FR)
    marker = page.locator("#answer a.cite").first
    marker.wait_for()
    assert page.evaluate("window.__streamed") >= 1  # tokens were shown as they came
    card_id = marker.get_attribute("data-target")
    card = page.locator(f"#sources #{card_id}")
    assert card.get_attribute("open") is None and not card.locator("mark").is_visible()
    shot(page, "01-ask-answer")
    marker.click()
    page.wait_for_function(f"document.getElementById('{card_id}').classList.contains('active')")
    mark = card.locator("mark")
    assert mark.is_visible() and "second semestre 2025" in mark.inner_text()
    assert "000_be8765c689dbec50.txt" in card.locator(".source-meta").inner_text() and "2024-12-06" in card.inner_text()
    page.get_by_text("Trace: retrieval scores").click()
    page.locator("#trace").get_by_text("verification").first.wait_for()
    shot(page, "02-ask-evidence")


def test_a_refusal_is_shown_with_the_closest_passages(page) -> None:
    page.get_by_text("Filters").click()
    page.locator("#filter-outlet textarea, #filter-outlet input").first.fill("Nowhere Gazette")
    ask(page, OREShNIK_FR)
    page.locator("#answer .refused").wait_for()
    assert "do not say" in page.locator("#answer").inner_text() or "ne le disent pas" in page.locator("#answer").inner_text()
    shot(page, "03-refusal")


def test_upload_then_listed_answerable_summarised_and_deleted(page, tmp_path) -> None:
    upload = tmp_path / "passerelle Lyon.txt"
    upload.write_text(BRIDGE, encoding="utf-8")
    tab(page, "Articles")
    page.locator("#upload input[type=file]").set_input_files(str(upload))
    page.locator("#upload-status .uploaded").wait_for()
    assert "1 new" in page.locator("#upload-status").inner_text()
    page.locator("#articles").get_by_text("passerelle_Lyon.txt").first.wait_for()
    shot(page, "04-articles-uploaded")

    tab(page, "Ask")
    ask(page, "Quand la mairie de Lyon a-t-elle inauguré la passerelle piétonne ?")
    page.locator("#answer a.cite").first.click()
    assert "passerelle_Lyon.txt" in page.locator("#sources .source-card.active").inner_text()

    tab(page, "Articles")
    pick_article(page, "passerelle_Lyon.txt")
    page.locator("#article-open").click()
    page.locator("#article-text .article-view").wait_for()
    assert "12 millions d'euros" in page.locator("#article-text").inner_text()
    page.locator("#summary-run").click()
    page.locator("#summary .summary-view").wait_for()
    assert page.locator("#summary mark").count() >= 1
    shot(page, "05-article-summary")

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("#article-delete").click()
    page.wait_for_timeout(1500)  # a declined confirmation changes nothing
    assert page.locator("#articles").get_by_text("passerelle_Lyon.txt").count() == 1
    assert "12 millions d'euros" in page.locator("#article-text").inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#article-delete").click()
    page.locator("#upload-status .deleted").wait_for()
    assert page.locator(".toast-body, [data-testid='toast-body']").count() == 0  # no error on the way
    assert page.locator("#articles").get_by_text("passerelle_Lyon.txt").count() == 0
    shot(page, "06-article-deleted")


def test_evaluate_runs_the_claims_set_and_shows_the_table_and_plots(page) -> None:
    tab(page, "Evaluate")
    assert "claims-dev.jsonl" in page.locator("#eval-dataset input").input_value()
    page.locator("#eval-run").click()
    table = page.locator("#eval-report table.metrics")
    table.wait_for(timeout=120_000)
    assert "accuracy" in table.inner_text() and page.locator("#eval-report h4").first.inner_text().startswith("claims")
    assert page.locator("#eval-report .plots img").count() == 2  # claims_by_kind.png, claims_scores.png
    shot(page, "07-evaluate-report")


def test_brief_tab_shows_the_dated_timeline(page) -> None:
    tab(page, "Brief")
    page.locator("#brief-run").click()
    page.locator("#brief .brief-entry").first.wait_for(timeout=240_000)
    dates = [d for d in page.locator("#brief .brief-date").all_inner_texts() if d != "undated"]
    assert dates and dates == sorted(dates)
    assert page.locator("#brief ul.citations li").count() >= page.locator("#brief .brief-entry").count()
    shot(page, "07b-brief")


def test_labels_follow_a_french_browser(browser, app_url) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(app_url, wait_until="networkidle")
    assert page.locator("#ask").inner_text().strip() == "Demander"
    assert page.get_by_role("tab", name="Évaluation").is_visible()
    shot(page, "08-french-labels")
    context.close()
