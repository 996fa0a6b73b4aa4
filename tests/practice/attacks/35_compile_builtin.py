# Attack: compile a code object.
# Expect: rejected
# Says: `compile`
compile('1', 'x', 'eval')
