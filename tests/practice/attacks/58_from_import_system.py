# Attack: from os import system.
# Expect: rejected
# Says: `from \.\.\. import`
from os import system
system('id')
