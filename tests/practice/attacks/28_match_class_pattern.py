# Attack: a match class pattern reading attributes by keyword.
# Expect: rejected
# Says: `match`
match 1:
    case int(real=r):
        print(r)
