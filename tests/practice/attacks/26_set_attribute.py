# Attack: replace a pre-loaded function's attribute.
# Expect: rejected
# Says: setting or deleting
get_slope.x = 1
