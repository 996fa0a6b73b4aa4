"""The first safety layer: a static check of the learner's code, before it runs.

The check walks the syntax tree (``ast``) and refuses what the five tasks never need
and what the known escapes from a Python namespace go through:

- ``import`` and ``from ... import``: numpy is pre-loaded as ``np``;
- any name, argument or attribute that starts with an underscore (``__class__``,
  ``__globals__``, ``__subclasses__``, ``_x``); a name made only of underscores
  (``____``) is one of the scaffold's blanks and gets its own message;
- attribute names that read or write files, or reach frames, code objects and class
  hierarchies without an underscore (``FORBIDDEN_ATTRIBUTES``,
  ``FORBIDDEN_ATTRIBUTE_PREFIXES``): ``str.format`` and ``format_map`` walk
  attributes named inside the string, ``gi_frame.f_globals`` reaches a module's
  globals, ``ndarray.tofile`` writes a file, ``ndarray.ctypes`` reaches raw memory;
- setting or deleting attributes (``x.y = ...``): the tasks only set variables;
- builtins outside the short whitelist of ``SAFE_BUILTIN_NAMES`` when they are
  dangerous (``FORBIDDEN_NAMES``: ``open``, ``exec``, ``eval``, ``getattr``, ``type``,
  ...), and module names a learner might reach for (``os``, ``sys``);
- statements the tasks do not need and that widen what code can do: ``global``,
  ``nonlocal``, ``class``, ``with``, ``match``, ``async``/``await`` and a bare
  ``except:`` (which would also catch the runner's output limit).

This is not the boundary that keeps the server safe: the code runs in a separate,
limited process (``practice.isolation``). The check gives the learner a clear message
with a line number, and closes the doors that the process limits cannot see.
"""

import ast
from dataclasses import dataclass

from .formatting import code_span

MAX_CODE_CHARS = 20_000

# What the code gets as builtins (practice.worker builds the namespace from this list).
SAFE_BUILTIN_NAMES = (
    "abs", "all", "any", "bool", "callable", "chr", "dict", "divmod", "enumerate",
    "filter", "float", "frozenset", "int", "isinstance", "iter", "len", "list", "map",
    "max", "min", "next", "ord", "pow", "print", "range", "repr", "reversed", "round",
    "set", "slice", "sorted", "str", "sum", "tuple", "zip",
    "ArithmeticError", "Exception", "IndexError", "KeyError", "NameError",
    "OverflowError", "RuntimeError", "StopIteration", "TypeError", "ValueError",
    "ZeroDivisionError",
)  # fmt: skip

# Refused by name, wherever they appear, with a message that names them.
FORBIDDEN_NAMES = frozenset({
    # builtins that run code, reach objects by name, or open files and prompts
    "open", "exec", "eval", "compile", "getattr", "setattr", "delattr", "hasattr",
    "globals", "locals", "vars", "dir", "input", "breakpoint", "help", "type", "object",
    "memoryview", "super", "classmethod", "staticmethod", "property", "issubclass",
    "bytearray", "bytes", "id", "format", "exit", "quit", "copyright", "credits",
    "license", "BaseException", "GeneratorExit", "KeyboardInterrupt", "SystemExit",
    # modules a learner might try, which are never defined here
    "os", "sys", "subprocess", "socket", "shutil", "pathlib", "importlib", "builtins",
    "ctypes", "signal", "resource", "io", "pickle", "marshal", "threading",
    "multiprocessing", "inspect", "gc", "code", "codecs", "posix", "pty",
})  # fmt: skip

FORBIDDEN_ATTRIBUTES = frozenset({
    # format strings walk attributes named inside the string: "{0.__class__}".format(x)
    "format", "format_map",
    # numpy's and pickle's file and memory doors
    "tofile", "dump", "dumps", "load", "loads", "save", "savez", "savez_compressed",
    "savetxt", "loadtxt", "genfromtxt", "fromfile", "fromregex", "memmap", "ctypes",
    "ctypeslib", "lib", "f2py", "testing", "distutils", "setfield", "getfield", "cffi",
    # class hierarchies and the operating system
    "mro", "system", "popen", "environ", "getenv", "open",
})  # fmt: skip

# Generators', coroutines', frames', tracebacks' and code objects' attributes:
# (x for x in ()).gi_frame.f_globals reaches a module's globals without an underscore.
FORBIDDEN_ATTRIBUTE_PREFIXES = ("gi_", "cr_", "ag_", "f_", "tb_", "co_", "func_", "im_")

_REFUSED_STATEMENTS = {
    ast.Import: "`import` is not needed here: numpy is already loaded as `np`, and the "
                "course's other names are pre-loaded",
    ast.ImportFrom: "`from ... import` is not needed here: numpy is already loaded as "
                    "`np`, and the course's other names are pre-loaded",
    ast.Global: "`global` is not needed in these tasks",
    ast.Nonlocal: "`nonlocal` is not needed in these tasks",
    ast.ClassDef: "`class` definitions are not needed in these tasks",
    ast.AsyncFunctionDef: "`async def` is not needed in these tasks",
    ast.Await: "`await` is not needed in these tasks",
    ast.AsyncFor: "`async for` is not needed in these tasks",
    ast.AsyncWith: "`async with` is not needed in these tasks",
    ast.With: "`with` is not needed in these tasks (there are no files to open)",
    ast.Match: "`match` is not needed in these tasks",
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """Why the code was refused: a message for the learner and the line (1-based, or
    None when the problem is the code as a whole)."""

    line: int | None
    message: str

    def text(self):
        """The message with its line, as the learner sees it."""
        return self.message if self.line is None else f"Line {self.line}: {self.message}"


def is_blank(name):
    """True for a scaffold blank: a name made only of two or more underscores."""
    return len(name) >= 2 and set(name) == {"_"}


def find_problem(code):
    """The first reason to refuse ``code``, or None when it may run.

    Blanks come first (all their lines at once), then a syntax error, then the first
    refused construct in reading order.

    Parameters
    ----------
    code : str, the learner's code

    Returns
    -------
    Problem or None
    """
    if not isinstance(code, str):
        raise ValueError(f"code must be a str, got {type(code).__name__}.")
    if len(code) > MAX_CODE_CHARS:
        return Problem(None, f"Your code has {len(code):,} characters; at most "
                             f"{MAX_CODE_CHARS:,} are accepted.")
    tree, problem = _parse(code)
    if problem is not None:
        return problem
    nodes = list(ast.walk(tree))  # iterative: a deep tree cannot overflow the stack
    blanks = sorted({node.lineno for node in nodes
                     if isinstance(node, ast.Name) and is_blank(node.id)})
    if blanks:
        lines = ", ".join(str(line) for line in blanks)
        label = "line" if len(blanks) == 1 else "lines"
        return Problem(blanks[0], f"fill in the blanks `____` first ({label} {lines}).")
    found = [(_position(node), problem) for node in nodes
             if (problem := _node_problem(node)) is not None]
    return min(found, key=lambda item: item[0])[1] if found else None


def _position(node):
    """Reading order: line, column, then the end (``a.__code__`` before the longer
    ``a.__code__.co_consts`` that starts at the same place)."""
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0),
            getattr(node, "end_lineno", 0), getattr(node, "end_col_offset", 0))


def check_tree(code):
    """Parse ``code`` and return its tree when it may run.

    Raises ValueError with the learner's message (line included) when it may not;
    the worker calls this before compiling the very tree it checked.
    """
    problem = find_problem(code)
    if problem is not None:
        raise ValueError(problem.text())
    return ast.parse(code, mode="exec")


def _parse(code):
    if "\x00" in code:
        return None, Problem(None, "your code contains a NUL character.")
    try:
        return ast.parse(code, mode="exec"), None
    except SyntaxError as error:
        return None, Problem(error.lineno, f"syntax error: {code_span(error.msg)}.")
    except (MemoryError, RecursionError):
        return None, Problem(None, "your code is nested too deeply to read.")


def _node_problem(node):
    line = getattr(node, "lineno", None)
    for kind, message in _REFUSED_STATEMENTS.items():
        if isinstance(node, kind):
            return Problem(line, message + ".")
    if isinstance(node, ast.ExceptHandler) and node.type is None:
        return Problem(line, "a bare `except:` is not allowed; name the error you expect, "
                             "e.g. `except ValueError:`.")
    if isinstance(node, ast.Name):
        return _name_problem(node.id, line)
    if isinstance(node, ast.Attribute):
        return _attribute_problem(node, line)
    for name in _defined_names(node):
        if name.startswith("_") and name != "_":
            return Problem(line, f"names starting with an underscore (`{name}`) are not "
                                 "allowed here.")
    return None


def _name_problem(name, line):
    if name in FORBIDDEN_NAMES:
        return Problem(line, f"`{name}` is not available in these exercises.")
    if name.startswith("_") and name != "_":
        return Problem(line, f"names starting with an underscore (`{name}`) are not "
                             "allowed here.")
    return None


def _attribute_problem(node, line):
    attr = node.attr
    if attr.startswith("_"):
        return Problem(line, f"attributes starting with an underscore (`.{attr}`) are not "
                             "allowed here.")
    if attr in FORBIDDEN_ATTRIBUTES or attr.startswith(FORBIDDEN_ATTRIBUTE_PREFIXES):
        hint = " Use an f-string or `%` to format text." if attr in ("format",
                                                                     "format_map") else ""
        return Problem(line, f"`.{attr}` is not available in these exercises.{hint}")
    if isinstance(node.ctx, (ast.Store, ast.Del)):
        return Problem(line, f"setting or deleting an attribute (`.{attr}`) is not needed "
                             "here: assign to a variable instead.")
    return None


def _defined_names(node):
    """Names a node defines that are not ``ast.Name`` nodes: function and argument
    names, keyword-argument names, ``except ... as name``."""
    if isinstance(node, ast.FunctionDef):
        return [node.name]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, ast.keyword):
        return [node.arg] if node.arg else []
    if isinstance(node, ast.ExceptHandler):
        return [node.name] if node.name else []
    return []
