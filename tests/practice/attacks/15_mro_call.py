# Attack: str.mro() to reach object.
# Expect: rejected
# Says: \.mro
print(str.mro()[-1])
