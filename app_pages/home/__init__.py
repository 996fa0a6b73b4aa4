"""The home page: what Backprop Studio teaches, the chapter map and the recap cycle."""
