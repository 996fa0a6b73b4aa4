# Attack: a generator's frame and its globals (no underscore needed).
# Expect: rejected
# Says: gi_frame
g = (x for x in [1])
print(g.gi_frame.f_globals)
