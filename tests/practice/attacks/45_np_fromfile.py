# Attack: np.fromfile /etc/shadow.
# Expect: rejected
# Says: \.fromfile
print(np.fromfile('/etc/shadow', dtype='u1'))
