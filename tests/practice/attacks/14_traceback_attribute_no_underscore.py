# Attack: tb_frame without the dunder (a caught exception's attribute chain).
# Expect: rejected
# Says: tb_frame
def f(tb):
    return tb.tb_frame

print(f)
