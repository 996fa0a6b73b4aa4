# Attack: climb frames from a running generator.
# Expect: rejected
# Says: gi_frame
def gen():
    yield 1

g = gen()
next(g)
frame = g.gi_frame
print(frame.f_back.f_builtins)
