# Attack: memory grown one megabyte at a time.
# Expect: limit
# Says: 256 MB of memory
chunks = []
while True:
    chunks.append('x' * 10 ** 6)
