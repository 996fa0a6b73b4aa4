# Attack: np.memmap a new file.
# Expect: rejected
# Says: \.memmap
m = np.memmap('/tmp/practice-attack-canary', mode='w+', shape=(3,))
