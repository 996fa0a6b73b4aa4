# Attack: exec a string.
# Expect: rejected
# Says: `exec`
exec('import os')
