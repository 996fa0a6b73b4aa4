# Attack: ndarray.tofile.
# Expect: rejected
# Says: \.tofile
np.zeros(3).tofile('/tmp/practice-attack-canary')
