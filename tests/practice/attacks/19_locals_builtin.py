# Attack: locals().
# Expect: rejected
# Says: `locals`
print(locals())
