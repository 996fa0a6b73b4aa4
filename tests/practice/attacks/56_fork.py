# Attack: os.fork.
# Expect: rejected
# Says: `import`
import os
os.fork()
