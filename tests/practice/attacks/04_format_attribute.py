# Attack: attribute access inside a format string.
# Expect: rejected
# Says: \.format
print('{0.__class__.__mro__}'.format(1))
