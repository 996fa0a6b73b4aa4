# Attack: eval a string.
# Expect: rejected
# Says: `eval`
eval('1 + 1')
