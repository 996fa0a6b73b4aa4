# Attack: np.savetxt a file.
# Expect: rejected
# Says: \.savetxt
np.savetxt('/tmp/practice-attack-canary', np.zeros(3))
