# Attack: numpy's own os import.
# Expect: error
# Says: np\.os is not available
print(np.os)
