"""Streamlit building blocks shared by the pages: URL-bound controls, number
formatting as the course prints, the network diagram, quizzes, source viewers.
They turn ``core`` results into pictures and compute nothing the core should."""
