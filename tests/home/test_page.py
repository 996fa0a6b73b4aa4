"""AppTest of the home page: every lesson page linked, the recap cycle of note 4.2, the
course's section-5 version box, and the coding tasks passed in this session."""

from ui.chapter import PRACTICE_PASSED_KEY, PRACTICE_TASKS, existing_pages


def test_home_lists_every_existing_page_and_the_recap(app_page):
    at = app_page()
    assert not at.exception
    assert at.title[0].value == "Backprop Studio"
    text = " ".join(m.value for m in at.markdown)
    assert "Keep going with that cycle" in text
    # the version box is drawn once opened (not before: see the page), and prints the
    # course's section-5 frame
    assert not at.get("code")
    at.session_state["versions"] = True
    at.run()
    versions = at.get("code")[0].proto.code_text
    assert "## " in versions and "numpy==" in versions and "streamlit==" in versions
    links = at.get("page_link")
    assert len(links) == len(existing_pages()) + len(PRACTICE_TASKS)
    assert len(existing_pages()) >= 1


def practice_links(at):
    return [link.proto.label for link in at.get("page_link") if link.proto.label.startswith("Task")]


def test_home_lists_the_five_coding_tasks_to_do(app_page):
    at = app_page()
    labels = practice_links(at)
    assert [label.split(" ·")[0] for label in labels] == [
        "Task 1.9", "Task 1.10", "Task 2.5", "Task 2.6", "Task 2.7"]
    assert all(label.endswith(": to do") for label in labels)
    assert any("0 of 5 tasks passed" in m.value for m in at.markdown)


def test_home_ticks_the_tasks_passed(app_page):
    at = app_page()
    at.session_state[PRACTICE_PASSED_KEY] = {"1.10", "2.7"}
    at.run()
    passed = [label for label in practice_links(at) if label.endswith(": passed")]
    assert [label.split(" ·")[0] for label in passed] == ["Task 1.10", "Task 2.7"]
    assert any("2 of 5 tasks passed" in m.value for m in at.markdown)
