# Attack: type() to make a class at run time.
# Expect: rejected
# Says: `type` is not available
Evil = type('Evil', (), {})
print(Evil)
