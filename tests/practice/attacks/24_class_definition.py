# Attack: a class (metaclass and descriptor tricks).
# Expect: rejected
# Says: `class`
class Evil:
    pass
