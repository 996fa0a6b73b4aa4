# Attack: memoryview of raw memory.
# Expect: rejected
# Says: `memoryview`
m = memoryview(b'abc')
