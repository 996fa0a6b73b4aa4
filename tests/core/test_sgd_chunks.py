"""core.train_sgd_in_chunks (the sgd page trains in chunks to show progress) gives exactly
what train_sgd gives and checks its inputs; core stays free of Streamlit, pandas and
scikit-learn."""

import numpy as np
import pytest

import core


def _same_result(a, b):
    assert a.updates_per_epoch == b.updates_per_epoch
    assert a.diverged_at == b.diverged_at and a.diverged_epoch == b.diverged_epoch
    np.testing.assert_array_equal(a.loss_per_update, b.loss_per_update)
    np.testing.assert_array_equal(a.loss_per_epoch, b.loss_per_epoch)
    for p, q in zip(a.network.weights + (a.network.biases or []),
                    b.network.weights + (b.network.biases or []), strict=True):
        np.testing.assert_array_equal(p, q)


def test_core_stays_free_of_streamlit_pandas_and_sklearn():
    import inspect

    for module in (core.datasets, core.sgd_chunks):
        source = inspect.getsource(module)
        for name in ("streamlit", "pandas", "sklearn", "altair"):
            assert f"import {name}" not in source and f"from {name}" not in source


@pytest.mark.parametrize("activation, rate, batch, epochs, shuffle, chunk", [
    ("relu", 0.01, 32, 5, True, 7),
    ("relu", 0.01, 7, 3, False, 1),      # every update its own chunk
    ("identity", 0.05, 33, 4, True, 2000),  # one chunk per epoch, last batch short
    ("sigmoid", 0.1, 300, 3, True, 1),   # full batch
    ("tanh", 1.0, 32, 20, True, 3),      # diverges inside a chunk, in a later epoch
    ("relu", 1.0, 1, 2, False, 100),     # diverges in the first chunk
])
def test_train_sgd_in_chunks_gives_exactly_what_train_sgd_gives(activation, rate, batch,
                                                                 epochs, shuffle, chunk):
    data = core.bank_transactions(300, 3.0, 0)
    X, y = core.standardize(data.X)[0], core.standardize(data.y)[0]
    network = core.Network.random([4, 5, 1], activation, "identity", True, seed=1)
    reports = []
    whole = core.train_sgd(network, X, y, rate, batch, epochs, shuffle, seed=3)
    pieces = core.train_sgd_in_chunks(network, X, y, rate, batch, epochs, shuffle, seed=3,
                                      progress=lambda done, total: reports.append((done, total)),
                                      chunk_updates=chunk)
    _same_result(whole, pieces)
    done = [d for d, _ in reports]
    assert done == sorted(done)
    if whole.diverged_at is None:
        assert reports[-1] == (epochs * whole.updates_per_epoch,) * 2
        per_epoch = -(-whole.updates_per_epoch // chunk)
        assert len(reports) == epochs * per_epoch


def test_train_sgd_in_chunks_checks_its_inputs():
    network = core.Network.random([2, 3, 1], seed=0)
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match=r"chunk_updates must be >= 1, got 0"):
        core.train_sgd_in_chunks(network, X, y, 0.1, 2, 1, chunk_updates=0)
    with pytest.raises(ValueError, match=r"network must be a core.Network"):
        core.train_sgd_in_chunks("net", X, y, 0.1, 2, 1)
    with pytest.raises(ValueError, match=r"learning_rate must be > 0"):
        core.train_sgd_in_chunks(network, X, y, 0.0, 2, 1)
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        core.train_sgd_in_chunks(network, [1.0, 2.0], 1.0, 0.1, 1, 1)
