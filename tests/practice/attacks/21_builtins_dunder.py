# Attack: __builtins__ to reach open.
# Expect: rejected
# Says: underscore
__builtins__['open']('/tmp/practice-attack-canary', 'w')
