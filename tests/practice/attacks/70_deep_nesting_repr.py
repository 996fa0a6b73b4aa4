# Attack: a list nested 100,000 deep, then printed.
# Expect: error
# Says: RecursionError
x = []
for i in range(100000):
    x = [x]
print(x)
