# Attack: an 8 GB list.
# Expect: limit
# Says: 256 MB of memory
x = [0] * 10 ** 9
