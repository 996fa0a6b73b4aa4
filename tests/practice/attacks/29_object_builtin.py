# Attack: object to walk subclasses.
# Expect: rejected
# Says: `object`
print(object)
