# Attack: an endless loop.
# Expect: limit
# Says: (CPU time|ran for more than)
while True:
    pass
