# Attack: print 1 GB, 100 characters at a time.
# Expect: limit
# Says: printed more than 10,000
for i in range(10 ** 7):
    print('x' * 100)
