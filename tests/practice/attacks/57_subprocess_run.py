# Attack: run a program.
# Expect: rejected
# Says: `import`
import subprocess
subprocess.run(['id'])
