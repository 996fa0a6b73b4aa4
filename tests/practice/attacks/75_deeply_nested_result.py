# Attack: an mse_hist nested 10,000 deep.
# Expect: wrong
# Says: mse_hist` is a list too large or too deeply nested
mse_hist = []
for i in range(10000):
    mse_hist = [mse_hist]
