# Attack: print one 1 GB string.
# Expect: limit
# Says: 256 MB of memory
print('x' * 10 ** 9)
