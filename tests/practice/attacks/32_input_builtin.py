# Attack: input() to block on the server's stdin.
# Expect: rejected
# Says: `input`
x = input()
