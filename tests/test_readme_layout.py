"""README's "How the code is laid out" matches the code: its tree names every module of
each page folder and of ui/, and nothing that is not there; its table of core's names is
core.__all__ (at most 40 names)."""

import re

import core
from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text()


def layout_section():
    start = README.index("## How the code is laid out")
    return README[start:README.index("\n## ", start + 1)]


def tree_entries():
    """{folder: set of module file names} from the tree in the section."""
    tree = layout_section().split("```")[1]
    entries, folder = {}, None
    for line in tree.splitlines():
        if match := re.match(r"^(\s*)([a-z_]+/)(page\.py)?\s", line + " "):
            indent, name = match.group(1), match.group(2)
            folder = ("app_pages/" + name) if indent else name
            entries.setdefault(folder, set())
            if match.group(3):
                entries[folder].add("page.py")
        if folder is not None:
            entries[folder] |= set(re.findall(r"\b([a-z_]+\.py)\b", line))
    return entries


def modules_in(folder):
    return {p.name for p in (REPO_ROOT / folder).glob("*.py") if p.name != "__init__.py"}


def test_every_page_folder_is_in_the_tree_with_exactly_its_modules():
    entries = tree_entries()
    pages = sorted(p.parent.name for p in (REPO_ROOT / "app_pages").glob("*/page.py"))
    assert pages == ["backprop", "descent", "errors", "home", "mse", "sgd", "slopes"]
    for page in pages:
        folder = f"app_pages/{page}/"
        assert entries.get(folder) == modules_in(folder), folder


def test_the_tree_lists_exactly_the_shared_ui_modules():
    assert tree_entries()["ui/"] == modules_in("ui/")


def test_no_ui_module_is_named_after_a_page():
    pages = {p.parent.name for p in (REPO_ROOT / "app_pages").glob("*/page.py")}
    for name in modules_in("ui/"):
        assert not any(page in name for page in pages), name


def test_the_table_of_core_names_is_core_all():
    rows = re.findall(r"^\| `([A-Za-z_]+)` \|", layout_section(), flags=re.M)
    assert rows == list(core.__all__)
    assert len(core.__all__) <= 40
