# Attack: global to rebind the module's names.
# Expect: rejected
# Says: `global`
def f():
    global np
    np = None

f()
