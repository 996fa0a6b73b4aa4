"""Home: what Backprop Studio teaches, the chapter map and the recap cycle."""

import platform
from importlib.metadata import version

import streamlit as st

from ui.chapter import PRACTICE_PASSED_KEY, PRACTICE_TASKS, existing_pages
from ui.source import code_box

st.title("Backprop Studio")
st.markdown(
    "An interactive companion to the chapter **Optimizing a Neural Network with "
    "Backward Propagation**. Every number of the course is computed live by a small "
    "numpy library you can read beside the lesson: drag a slider and watch the "
    "prediction, the error, the slopes and the updates move. Every control lives in "
    "the page's URL, so a copied link reopens exactly what you see."
)

st.subheader("The chapter, step by step")
for number, (script, title, _, icon, summary) in enumerate(existing_pages(), start=1):
    st.page_link(script, label=f"{number} · {title}", icon=icon)
    st.caption(summary)

st.subheader("Your practice: the course's coding tasks")
passed = st.session_state.get(PRACTICE_PASSED_KEY, set())
pages = {url_path: (script, title) for script, title, url_path, _, _ in existing_pages()}
done = sum(task in passed for task, _, _ in PRACTICE_TASKS)
st.markdown(f"{done} of {len(PRACTICE_TASKS)} tasks passed in this session. Each page's "
            "**Try it yourself** section checks your numpy code.")
for task, url_path, title in PRACTICE_TASKS:
    script, page_title = pages[url_path]
    state = "passed" if task in passed else "to do"
    st.page_link(script, label=f"Task {task} · {title} ({page_title}): {state}",
                 icon=":material/check_circle:" if task in passed else ":material/code:")

st.subheader("One round of training (note 4.2)")
st.markdown(
    "1. Start at some random set of weights.\n"
    "2. **Forward**: use forward propagation to make a prediction.\n"
    "3. **Backward**: use backward propagation to calculate the slope of the loss "
    "function with respect to each weight.\n"
    "4. **Update**: multiply that slope by the learning rate, and subtract from the "
    "current weights.\n"
    "5. Keep going with that cycle until you get to a flat part."
)
st.info("The loss everywhere in this app is the course's mean squared error, "
        "mean((predicted - actual)²), with no factor ½.", icon=":material/info:")


def versions():
    """The versions in use, printed as the course's section 5 prints them (read from
    the installed metadata: importing scikit-learn here would slow the first page)."""
    packages = [f"python=={platform.python_version()}"] + [
        f"{name}=={version(name)}"
        for name in ("numpy", "scikit-learn", "pandas", "altair", "streamlit")]
    width = max(len(p) for p in packages)
    lines = ["#" * (width + 8), "##" + " " * (width + 4) + "##"]
    lines += [f"##  {p.ljust(width)}  ##" for p in packages]
    lines += ["##" + " " * (width + 4) + "##", "#" * (width + 8)]
    return "\n".join(lines)


versions_box = code_box("Requirements (course section 5): the versions in use", "versions")
if versions_box is not None:
    with versions_box:
        st.code(versions(), language=None)
