# Attack: attribute access inside format_map.
# Expect: rejected
# Says: \.format_map
print('{x.__class__}'.format_map({'x': 1}))
