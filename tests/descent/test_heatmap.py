"""The descent page's surface picture (app_pages/descent/heatmap.py): Vega's viridis
colours at both ends, the symlog scale, a PNG any decoder reads back pixel for pixel,
the darkest pixel where the loss is lowest, and grid ranges that stay put."""

import base64
import struct
import zlib

import numpy as np
import pytest

from app_pages.descent.heatmap import (
    VIRIDIS,
    colour_grid,
    png_data_url,
    symlog,
    viridis,
)
from ui.axes import nice_range


def decode_png(url):
    """(width, height, RGB array) of an 8-bit RGB PNG data URL, read by the standard
    library alone (chunks, CRCs, zlib, filter type 0)."""
    data = base64.b64decode(url.removeprefix("data:image/png;base64,"))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks[kind] = chunks.get(kind, b"") + body
        position += 12 + length
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour) == (8, 2)
    raw = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), dtype=np.uint8)
    rows = raw.reshape(height, 1 + 3 * width)
    assert (rows[:, 0] == 0).all()
    return width, height, rows[:, 1:].reshape(height, width, 3)


def test_viridis_ends_are_vegas_first_and_last_colours():
    first = [int(VIRIDIS[i:i + 2], 16) for i in (0, 2, 4)]
    last = [int(VIRIDIS[-6:][i:i + 2], 16) for i in (0, 2, 4)]
    assert viridis(0.0).tolist() == first == [0x44, 0x01, 0x54]
    assert viridis(1.0).tolist() == last == [0xFD, 0xE7, 0x25]
    assert viridis([-1.0, 2.0]).tolist() == [first, last]  # clipped


def test_symlog_is_vegas_with_constant_one():
    assert symlog([0.0, 1.0, -1.0]).tolist() == pytest.approx([0.0, np.log(2), -np.log(2)])


def test_a_png_reads_back_pixel_for_pixel():
    rgb = np.random.default_rng(0).integers(0, 256, size=(5, 7, 3), dtype=np.uint8)
    width, height, pixels = decode_png(png_data_url(rgb))
    assert (width, height) == (7, 5)
    np.testing.assert_array_equal(pixels, rgb)
    with pytest.raises(ValueError, match="rgb must have shape"):
        png_data_url(np.zeros((2, 2)))


def test_the_lowest_loss_is_the_darkest_pixel_and_the_top_row_is_the_highest_y():
    x, y = np.meshgrid(np.linspace(-1, 1, 9), np.linspace(0, 2, 9))
    loss = (x - 0.5) ** 2 + (y - 1.5) ** 2  # lowest at x = 0.5, y = 1.5
    picture = colour_grid(loss)
    darkest = np.unravel_index(np.argmin(picture.astype(int).sum(axis=2)), picture.shape[:2])
    # row 0 of the picture is the highest y (an image is stored top row first)
    assert darkest == (8 - 6, 6)
    assert picture[darkest].tolist() == viridis(0.0).tolist()


def test_a_flat_surface_is_one_colour():
    assert (colour_grid(np.full((3, 3), 4.0)) == viridis(0.0)).all()


def test_nice_range_widens_to_round_steps_and_keeps_them():
    assert nice_range(0.13, 3.33) == (0.0, 3.5)
    assert nice_range(0.13, 3.41) == (0.0, 3.5)  # a path grown a little: the same grid
    assert nice_range(-0.52, 2.07) == (-1.0, 2.5)
    assert nice_range(2.0, 2.0) == (2.0, 2.0)
    assert nice_range(-1e308, 1e308) == (-1e308, 1e308)
