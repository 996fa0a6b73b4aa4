"""The practice sections in the real app, in Chromium: a learner types task 2.7's
solution into the descent page's editor, runs it with Ctrl+Enter and sees it accepted
with its tick; the home page, reached through the sidebar, lists the task as passed."""

from practice import get_task
from tests.browser.helpers import open_page, wait_for_app

NAV_LINK = '[data-testid="stSidebarNavLink"]'


def test_a_solved_task_is_ticked_on_its_page_and_on_the_home_page(app_server, page):
    open_page(page, app_server, "/descent")
    editor = page.get_by_role("textbox", name="Your code")
    assert editor.input_value() == get_task("2.7").scaffold
    editor.fill(get_task("2.7").solution)
    editor.press("Control+Enter")
    page.get_by_text("Correct! The MSE falls with every update").wait_for(timeout=30000)
    wait_for_app(page)
    heading = page.locator('[data-testid="stHeading"]').filter(has_text="Try it yourself")
    assert "check_circle" in heading.inner_text()
    assert "mse_hist" not in page.url

    page.locator(f'{NAV_LINK}[href$="{app_server.rstrip("/")}/"], {NAV_LINK}').first.click()
    page.get_by_text("1 of 5 tasks passed").wait_for(timeout=20000)
    task = page.get_by_text("Task 2.7 · Making multiple updates to weights")
    assert task.inner_text().endswith("passed")
