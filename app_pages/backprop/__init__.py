"""The backprop page (chapters 3-4): a full round on a live diagram, any weight's three factors."""
