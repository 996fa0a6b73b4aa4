# Attack: walk from a tuple to object's subclasses.
# Expect: rejected
# Says: underscore
print(().__class__.__bases__[0].__subclasses__())
