"""``python -m practice TASK FILE``: check a solution file as the app does.

Prints the feedback as JSON, ``{"task": ..., "passed": ..., "message": ..., "stdout":
...}``. Exit code 0 when the code was checked (passed or not), 2 for a bad TASK or FILE.

``python -m practice --isolation`` prints what the workers' isolation holds on this
host (network namespace, chroot, uid, rlimits, Landlock, seccomp) as JSON.
"""

import argparse
import json
import sys
from pathlib import Path

from .checker import check_code
from .runner import OneShotRunner
from .tasks import TASK_IDS

EXIT_CHECKED, EXIT_BAD_ARGUMENTS = 0, 2


def main(argv=None):
    """Run the command; return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m practice",
        description="Check a solution of one of the course's coding tasks.")
    parser.add_argument("task", nargs="?", help=f"the task: one of {', '.join(TASK_IDS)}")
    parser.add_argument("file", nargs="?", help="the solution, a Python file")
    parser.add_argument("--isolation", action="store_true",
                        help="print what the workers' isolation holds on this host")
    args = parser.parse_args(argv)
    if args.isolation:
        result = OneShotRunner().run("2.7", "pass")
        print(json.dumps(result.isolation, indent=2))
        return EXIT_CHECKED if result.isolation else EXIT_BAD_ARGUMENTS
    if args.task is None or args.file is None:
        parser.print_usage(sys.stderr)
        return _refuse("the following arguments are required: task, file")
    if args.task not in TASK_IDS:
        return _refuse(f"TASK must be one of {', '.join(TASK_IDS)}, got {args.task!r}.")
    try:
        code = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        return _refuse(f"FILE {args.file!r} cannot be read: {problem}.")
    feedback = check_code(args.task, code, runner=OneShotRunner())
    print(json.dumps(feedback.to_json(), indent=2, ensure_ascii=False))
    return EXIT_CHECKED


def _refuse(message):
    print(f"python -m practice: {message}", file=sys.stderr)
    return EXIT_BAD_ARGUMENTS


if __name__ == "__main__":
    sys.exit(main())
