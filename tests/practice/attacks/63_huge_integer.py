# Attack: a power with a billion digits.
# Expect: limit
# Says: (CPU time|ran for more than|memory)
x = 10 ** (10 ** 9)
