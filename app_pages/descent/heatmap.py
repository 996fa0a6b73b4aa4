"""The loss surface as one picture: a grid of MSE values coloured as Vega colours a
heat map (viridis on a symlog scale) and encoded as a PNG data URL (numpy and the
standard library only).

Drawn as 900 rectangles, the surface cost the browser some 150 ms of CPU at every
move of the descent page (every cell changes colour when the weights held off the axes
move); drawn as one image mark it costs about as much as one element. The picture is
the same, at a finer grid, and the colour legend beside it is Vega's own (a hidden
layer with the same scale), so the two agree.
"""

import base64
import struct
import zlib

import numpy as np

# Vega's "viridis" scheme, the 32 colours it interpolates between (vega-scale).
VIRIDIS = ("440154470e61481a6c482575472f7d443a834144873d4e8a39568c35608d31688e2d708e2a788e"
           "27818e23888e21918d1f988b1fa08822a8842ab07f35b77943bf7154c56866cc5d7ad1518fd744"
           "a5db36bcdf27d2e21be9e51afde725")
_STOPS = np.array([[int(VIRIDIS[i + k:i + k + 2], 16) for k in (0, 2, 4)]
                   for i in range(0, len(VIRIDIS), 6)], dtype=np.float64)


def symlog(values):
    """Vega's symlog transform with constant 1: sign(v) * log(1 + |v|)."""
    values = np.asarray(values, dtype=np.float64)
    return np.sign(values) * np.log1p(np.abs(values))


def viridis(t):
    """Colours of ``t`` in [0, 1] (any shape) as uint8 RGB, shape t.shape + (3,):
    linear interpolation between the scheme's colours, as Vega does."""
    t = np.clip(np.asarray(t, dtype=np.float64), 0.0, 1.0)
    position = t * (len(_STOPS) - 1)
    low = np.minimum(np.floor(position).astype(int), len(_STOPS) - 2)
    fraction = (position - low)[..., None]
    rgb = _STOPS[low] * (1 - fraction) + _STOPS[low + 1] * fraction
    return np.round(rgb).astype(np.uint8)


def colour_grid(loss):
    """The RGB picture of ``loss`` (shape (n_y, n_x), row 0 the lowest y), the top row
    first as an image is stored, coloured from its own minimum to its maximum on a
    symlog scale."""
    scaled = symlog(loss)
    low, high = float(scaled.min()), float(scaled.max())
    t = np.zeros_like(scaled) if high == low else (scaled - low) / (high - low)
    return viridis(t[::-1])


def png_data_url(rgb):
    """A uint8 RGB array of shape (height, width, 3) as a 'data:image/png;base64,...'
    URL (an 8-bit truecolour PNG, no request needed to show it)."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"rgb must have shape (height, width, 3), got {rgb.shape}.")
    height, width, _ = rgb.shape
    rows = np.concatenate([np.zeros((height, 1), dtype=np.uint8),  # filter: none
                           rgb.reshape(height, width * 3)], axis=1)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
           + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
