# Attack: sys.modules to find os.
# Expect: rejected
# Says: `sys`
print(sys.modules['os'])
