# Attack: read /etc/passwd with open.
# Expect: rejected
# Says: `open`
print(open('/etc/passwd').read())
