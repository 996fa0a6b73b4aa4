# Attack: write a file outside the temporary directory.
# Expect: rejected
# Says: `open`
open('/tmp/practice-attack-canary', 'w').write('escaped')
