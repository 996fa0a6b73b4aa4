# Attack: np.genfromtxt /etc/passwd.
# Expect: rejected
# Says: \.genfromtxt
print(np.genfromtxt('/etc/passwd'))
