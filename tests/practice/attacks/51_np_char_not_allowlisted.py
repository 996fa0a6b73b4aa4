# Attack: a numpy name outside the allowlist.
# Expect: error
# Says: np\.char is not available
print(np.char.add('a', 'b'))
