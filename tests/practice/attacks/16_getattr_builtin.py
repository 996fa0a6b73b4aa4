# Attack: getattr with a name built from strings.
# Expect: rejected
# Says: `getattr`
print(getattr((), '__cl' + 'ass__'))
