# Attack: fullwidth letters that NFKC-normalise to .format.
# Expect: rejected
# Says: `\.format`
print('{0.__class__}'.ｆｏｒｍａｔ(1))
