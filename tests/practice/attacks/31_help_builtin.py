# Attack: help(), which pages and imports pydoc.
# Expect: rejected
# Says: `help`
help(np)
