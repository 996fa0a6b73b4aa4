# Attack: globals() of the code's namespace.
# Expect: rejected
# Says: `globals`
print(globals())
