# Attack: type(x).__subclasses__() to find a class that imports os.
# Expect: rejected
# Says: underscore|`type`
for cls in type(1).__subclasses__():
    print(cls)
