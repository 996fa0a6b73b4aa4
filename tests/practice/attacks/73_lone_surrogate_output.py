# Attack: print text that is not valid UTF-8.
# Expect: wrong
# Says: mse_hist` is missing
print('\ud800')
