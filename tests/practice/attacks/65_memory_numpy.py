# Attack: an 80 GB array.
# Expect: limit
# Says: 256 MB of memory
x = np.ones((10 ** 5, 10 ** 5))
