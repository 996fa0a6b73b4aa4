# Attack: an exception's traceback frame.
# Expect: rejected
# Says: underscore
try:
    1 / 0
except ZeroDivisionError as e:
    print(e.__traceback__.tb_frame.f_globals)
