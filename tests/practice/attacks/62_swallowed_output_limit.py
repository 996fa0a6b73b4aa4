# Attack: swallow the output limit with finally/continue, then loop.
# Expect: limit
# Says: (CPU time|ran for more than)
while True:
    try:
        print('x' * 1000)
    finally:
        continue
