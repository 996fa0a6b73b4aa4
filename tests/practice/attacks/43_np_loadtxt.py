# Attack: np.loadtxt /etc/passwd.
# Expect: rejected
# Says: \.loadtxt
print(np.loadtxt('/etc/passwd', dtype=str))
