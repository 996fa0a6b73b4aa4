"""The mse page (course 1.2, 1.3, 1.10): many points, two weight sets, one loss per weight set."""
