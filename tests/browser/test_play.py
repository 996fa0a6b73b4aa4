"""Play and pause (issue 15): on descent the updates, on backprop the rounds, on sgd the
comparison's epochs advance frame by frame on a timer; Pause stops them and leaves the
URL at the frame shown, which a new browser opens; an animation stops by itself where
the ground is flat."""

import time
from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import open_page, wait_for_app

# The frame controls' defaults, which the URL leaves out: descent's number of updates
# (task 2.7: 20) and sgd's epochs shown (all the comparison's 20 epochs).
DESCENT_DEFAULT_UPDATES = 20
SGD_DEFAULT_EPOCHS = 20


def play_button(page, name):
    return page.locator(f".st-key-{name}_play button >> visible=true")


def frame(page, key, default=None):
    """The frame control's value as the URL holds it; ``default`` when the URL leaves it
    out (Streamlit leaves out a value equal to the control's default)."""
    values = parse_qs(urlsplit(page.url).query).get(key)
    return default if values is None else float(values[0])


def watch_frames(page, key, seconds, default=None):
    """The frame values seen in the URL over ``seconds``, in order, without repeats."""
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = frame(page, key, default)
        if value is not None and (not seen or seen[-1] != value):
            seen.append(value)
        page.wait_for_timeout(50)
    return seen


def pause_and_check_it_stays(page, name, key, default):
    play_button(page, name).click()
    page.wait_for_function(
        f"() => document.querySelector('.st-key-{name}_play button').innerText.includes('Play')",
        timeout=20000)
    wait_for_app(page)
    stopped = frame(page, key, default)
    assert watch_frames(page, key, 1.5, default) == [stopped]
    return stopped


def test_descent_plays_the_updates_and_pauses(app_server, page, browser):
    # From update 5: at the fast speed the flat ground (update 33) is more than 4 s away,
    # so the Pause below comes while playing even on a quick machine.
    open_page(page, app_server, "/descent?descent_speed=fast&n=5")
    play_button(page, "descent").click()
    seen = watch_frames(page, "n", 2.0, DESCENT_DEFAULT_UPDATES)
    assert len(seen) >= 5 and seen == sorted(seen) and seen[0] >= 5, seen  # from 5, not 0
    assert seen[-1] < 33, seen
    stopped = pause_and_check_it_stays(page, "descent", "n", DESCENT_DEFAULT_UPDATES)
    shown = page.locator('[data-testid="stMetricValue"]').nth(1).inner_text()
    # the link opens the frame shown
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        fresh = other.new_page()
        open_page(fresh, app_server, f"/descent?n={int(stopped)}")
        assert fresh.locator('[data-testid="stMetricValue"]').nth(1).inner_text() == shown
    finally:
        other.close()


def test_descent_stops_by_itself_where_the_ground_is_flat(app_server, page):
    open_page(page, app_server, "/descent?descent_speed=fast&n=28")
    play_button(page, "descent").click()
    page.get_by_text("Flat ground").first.wait_for(timeout=30000)
    page.wait_for_function(
        "() => document.querySelector('.st-key-descent_play button').innerText.includes('Play')",
        timeout=20000)
    assert frame(page, "n") == 33  # the first update after which every slope is < 0.001


def test_backprop_plays_rounds_until_flat(app_server, page):
    open_page(page, app_server, "/backprop?backprop_speed=fast")
    play_button(page, "backprop").click()
    seen = watch_frames(page, "rounds", 4.0)
    assert len(seen) >= 5 and seen == sorted(seen), seen
    page.wait_for_function(
        "() => document.querySelector('.st-key-backprop_play button').innerText.includes('Play')",
        timeout=20000)
    assert "flat" in page.locator('[data-testid="stMain"]').inner_text().lower()


def test_sgd_plays_the_comparisons_epochs_and_pauses(app_server, page):
    # The normal speed (0.4 s a frame): the URL is read every 50 ms, and at the fast
    # speed a loaded machine could let epoch 1 pass between two reads.
    open_page(page, app_server, "/sgd?sgd_speed=normal")
    page.locator(".st-key-compare button").click()
    play_button(page, "sgd").wait_for(timeout=60000)
    wait_for_app(page, timeout=60000)
    play_button(page, "sgd").click()
    seen = watch_frames(page, "shown", 3.5)
    assert len(seen) >= 5 and seen == sorted(seen) and seen[0] == 1, seen
    stopped = pause_and_check_it_stays(page, "sgd", "shown", SGD_DEFAULT_EPOCHS)
    table = page.locator('[data-testid="stTable"]').last.inner_text()
    assert stopped < 20 and "stochastic" in table
