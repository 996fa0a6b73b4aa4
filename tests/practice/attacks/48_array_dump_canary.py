# Attack: ndarray.dump (pickle to a file).
# Expect: rejected
# Says: \.dump
np.zeros(3).dump('/tmp/practice-attack-canary')
