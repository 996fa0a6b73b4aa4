# Attack: np.save a file.
# Expect: rejected
# Says: \.save
np.save('/tmp/practice-attack-canary', np.zeros(3))
