"""The sgd page (note 4.3): batches and epochs on real and synthetic data, against scikit-learn."""
