# Attack: an exception with a one-megabyte message.
# Expect: error
# Says: ValueError: x{100}
raise ValueError('x' * 10 ** 6)
