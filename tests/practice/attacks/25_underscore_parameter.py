# Attack: a lambda parameter that starts with an underscore.
# Expect: rejected
# Says: underscore
f = lambda _secret=1: _secret
print(f())
