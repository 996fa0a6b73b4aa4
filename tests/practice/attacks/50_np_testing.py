# Attack: np.testing (runs subprocesses).
# Expect: rejected
# Says: \.testing
print(np.testing)
