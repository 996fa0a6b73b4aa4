# Attack: an array's ctypes pointer to raw memory.
# Expect: rejected
# Says: \.ctypes
print(np.zeros(3).ctypes.data)
