"""``train_sgd`` in pieces, so a long epoch can report its progress (and a page can
stop it) every few thousand updates instead of once per epoch.

Each piece is ``train_sgd`` itself on a run of consecutive whole batches of the
epoch's rows, without shuffling (the rows are already in the epoch's order from
``epoch_orders``), so the result is exactly the one ``train_sgd`` gives for the
whole run: the same batches, the same updates, the same losses.
"""

import numpy as np

from .checks import as_number
from .sgd import SGDResult, check_sgd_inputs, epoch_orders, train_sgd


def train_sgd_in_chunks(network, X, y, learning_rate, batch_size, epochs, shuffle=True,
                        seed=0, progress=None, chunk_updates=2000):
    """Train like ``train_sgd`` and call ``progress(updates_done, total_updates)``
    after every ``chunk_updates`` updates (and at the end of each epoch).

    Parameters and result are those of ``train_sgd``; the result is identical to
    it (same SGDResult numbers, to the last bit).

    chunk_updates : int >= 1, updates between two progress reports
    """
    X, y, learning_rate, batch_size, epochs = check_sgd_inputs(
        network, X, y, learning_rate, batch_size, epochs)
    chunk_updates = as_number(chunk_updates, "chunk_updates", minimum=1, integer=True)
    n_samples = X.shape[0]
    updates_per_epoch = -(-n_samples // batch_size)
    total = epochs * updates_per_epoch
    chunk_rows = chunk_updates * batch_size
    # Each batch's weight in its epoch's mean loss, as train_sgd weighs them.
    batch_sizes = np.diff(np.append(np.arange(0, n_samples, batch_size), n_samples))
    orders = epoch_orders(n_samples, epochs, shuffle, seed)

    trained = network
    losses, epoch_losses = [], []
    for epoch in range(epochs):
        Xe, ye = (X[orders[epoch]], y[orders[epoch]]) if shuffle else (X, y)
        epoch_batches = []
        for start in range(0, n_samples, chunk_rows):
            piece = train_sgd(trained, Xe[start:start + chunk_rows],
                              ye[start:start + chunk_rows], learning_rate, batch_size, 1,
                              shuffle=False)
            trained = piece.network
            epoch_batches.append(piece.loss_per_update)
            if piece.diverged_at is not None:
                done = epoch * updates_per_epoch + start // batch_size
                losses.extend(epoch_batches)
                return _result(trained, losses, epoch_losses, updates_per_epoch,
                               done + piece.diverged_at)
            if progress is not None:
                rows_done = min(start + chunk_rows, n_samples)
                progress(epoch * updates_per_epoch + -(-rows_done // batch_size), total)
        epoch_loss = np.concatenate(epoch_batches)
        losses.append(epoch_loss)
        with np.errstate(all="ignore"):
            epoch_losses.append(epoch_loss @ batch_sizes / n_samples)
    return _result(trained, losses, epoch_losses, updates_per_epoch, None)


def _result(network, losses, epoch_losses, updates_per_epoch, diverged_at):
    return SGDResult(
        network=network,
        loss_per_update=np.concatenate(losses) if losses else np.empty(0),
        loss_per_epoch=np.array(epoch_losses, dtype=np.float64),
        updates_per_epoch=updates_per_epoch,
        diverged_at=diverged_at,
        diverged_epoch=None if diverged_at is None
        else (diverged_at - 1) // updates_per_epoch + 1,
    )
