"""The errors page (course 1.1, 1.7-1.9): a forward pass through the 2-2-1 network, a weight nudged, quizzes 1.7 and 1.8."""
