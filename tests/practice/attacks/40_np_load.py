# Attack: np.load a file.
# Expect: rejected
# Says: \.load
print(np.load('/etc/passwd'))
