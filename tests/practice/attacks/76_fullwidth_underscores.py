# Attack: fullwidth low lines in place of the underscores of __class__.
# Expect: rejected
# Says: syntax error: `invalid character
print(().＿＿class＿＿)
