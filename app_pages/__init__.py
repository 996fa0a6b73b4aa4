"""The lesson pages, one folder each. ``<page>/page.py`` is the script ``st.Page``
runs; beside it live that page's views, charts and quizzes, and its numpy-only
lesson logic in ``<page>/lesson.py``. Page folders never import each other: what
two pages share lives in ``ui`` (widgets) or ``core`` (the course's model).

The folder is not called ``pages/``: Streamlit treats a ``pages/`` folder beside the
entrypoint as its older automatic multipage app until the entrypoint has run once,
so a teacher's deep link opened first on a fresh server lost the app's navigation.
"""
