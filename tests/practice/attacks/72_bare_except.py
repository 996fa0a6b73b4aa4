# Attack: a bare except that would also catch the runner's limits.
# Expect: rejected
# Says: bare `except:`
try:
    pass
except:
    pass
