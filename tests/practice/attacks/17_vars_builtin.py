# Attack: vars() of np.
# Expect: rejected
# Says: `vars`
print(vars(np))
