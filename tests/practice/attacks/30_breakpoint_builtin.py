# Attack: breakpoint() to open a debugger.
# Expect: rejected
# Says: `breakpoint`
breakpoint()
