# Attack: an environ attribute on whatever object.
# Expect: rejected
# Says: \.environ
print(np.environ)
