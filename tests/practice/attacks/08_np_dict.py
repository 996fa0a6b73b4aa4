# Attack: np.__dict__ to reach numpy's full namespace.
# Expect: rejected
# Says: underscore
print(np.__dict__)
