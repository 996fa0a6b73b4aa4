# Attack: a function's __code__ and co_ attributes.
# Expect: rejected
# Says: underscore
print(get_mse.__code__.co_consts)
