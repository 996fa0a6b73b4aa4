# Attack: np.frombuffer (raw memory).
# Expect: error
# Says: np\.frombuffer is not available
x = np.frombuffer(b'abcd', dtype='u1')
