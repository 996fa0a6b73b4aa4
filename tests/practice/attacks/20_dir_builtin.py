# Attack: dir() to list attributes.
# Expect: rejected
# Says: `dir`
print(dir(np))
