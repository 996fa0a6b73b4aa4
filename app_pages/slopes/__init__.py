"""The slopes page (notes 1.4-1.6, 2.1, 2.2; code 2.4; tasks 2.5, 2.6): one slope, one step."""
