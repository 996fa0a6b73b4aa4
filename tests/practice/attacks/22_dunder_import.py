# Attack: __import__('os').
# Expect: rejected
# Says: underscore
__import__('os').system('id')
