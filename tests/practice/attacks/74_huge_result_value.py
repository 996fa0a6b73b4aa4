# Attack: a million-element mse_hist sent back.
# Expect: wrong
# Says: mse_hist` is a list too large or too deeply nested
mse_hist = list(range(10 ** 6))
