# Attack: np.lib's npyio.
# Expect: rejected
# Says: \.lib
np.lib.npyio.savetxt('/tmp/practice-attack-canary', [1])
