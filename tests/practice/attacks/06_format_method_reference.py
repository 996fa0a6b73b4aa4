# Attack: str.format taken without calling it.
# Expect: rejected
# Says: \.format
f = '{0.__globals__}'.format
print(f(predict_with_network))
