# Attack: dunder access inside an f-string.
# Expect: rejected
# Says: underscore
print(f'{().__class__}')
