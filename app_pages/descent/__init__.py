"""The descent page (task 2.7): many updates, the loss surface, learning rates side by side."""
