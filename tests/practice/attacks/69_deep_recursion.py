# Attack: recursion without end.
# Expect: error
# Says: Line 2: `RecursionError
def f(n):
    return f(n + 1)

f(0)
