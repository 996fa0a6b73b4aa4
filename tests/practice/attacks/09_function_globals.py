# Attack: a pre-loaded function's __globals__ (core's module globals).
# Expect: rejected
# Says: underscore
g = get_slope.__globals__
print(g['np'].load)
