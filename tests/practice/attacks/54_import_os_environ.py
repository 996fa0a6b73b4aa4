# Attack: read the environment through os.
# Expect: rejected
# Says: `import`
import os
print(os.environ)
