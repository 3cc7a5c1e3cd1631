"""A phone photo of a monitor: the screen's pixel grid beats against the camera's (moiré).

The beat lays fine stripes over the whole picture, and Otsu turns every stripe into specks beside
the letters: a Wing screen photographed off a monitor came out as "~ ~ NNN" and nothing of its
words. The stripes are a few narrow bands of the page's spectrum, far brighter than everything
else at their frequency, while letters spread their energy around every direction. Descreening
pulls those bands down to the level of their frequency ring and leaves the rest alone: the
frequency-domain notch filter that scanners apply to printed halftones.

Only the fine scale is touched (periods under `MAX_PERIOD` pixels: text lines and table rows repeat
more slowly) and never the two axes, where the straight edges of rules, boxes and text lines put
their energy. A centre crop decides first whether the page has moiré at all, so a scan pays
about a tenth of a second.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_PERIOD = 24.0  # pixels; slower repeats are text lines, table rows, characters
#: Natural-log magnitude above its ring's mean. A page has moiré when either sign holds: many bins
#: stand DETECT_DB (x7.4) above their ring (a beat smeared by perspective into bands: monitor photos
#: measure 0.005-0.008 of the fine scale, scans, label photos and screenshots at most 0.002), or most
#: of the fine-scale energy sits FILTER_DB (x3.3) above its ring (a clean grating: a few sharp peaks;
#: monitor photos 0.5-0.8, paper and screens at most 0.25). Once it has, every bin above FILTER_DB
#: is pulled down: the stripes' skirts, not only their cores.
DETECT_DB = 2.0
MIN_SHARE = 0.004
FILTER_DB = 1.2
MIN_ENERGY = 0.3
PROBE = 1024  # side of the centre crop that decides
RINGS = 256
AXIS_BINS = 3  # frequency bins either side of an axis left alone
#: Degrees either side of an axis left alone: a page scanned or photographed a few degrees askew
#: turns its rules and text lines with it, and their harmonics with them (a ruled table 2 degrees
#: off put 0.64 of its fine-scale energy there, as much as a monitor's moiré).
AXIS_DEGREES = 6.0


def descreen(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """`gray` with its moiré stripes filtered out, with the step's token; else unchanged."""
    if min(gray.shape) < 256:
        return gray, ""
    h, w = gray.shape
    top, left = max(0, (h - PROBE) // 2), max(0, (w - PROBE) // 2)
    probe = gray[top:top + PROBE, left:left + PROBE]
    if not has_moire(probe):
        return gray, ""
    return _filtered(gray), "descreen"


def has_moire(gray: np.ndarray) -> bool:
    share, energy = stripe_measures(gray)
    return share >= MIN_SHARE or energy >= MIN_ENERGY


def stripe_measures(gray: np.ndarray) -> tuple[float, float]:
    """The share of fine-scale bins far above their frequency ring, and the share of fine-scale
    energy in bins above it: both near 0 for paper."""
    spectrum, excess, fine = _spectrum(gray)
    fine &= _off_axis_wedges(gray.shape)
    if not fine.any():
        return 0.0, 0.0
    power = np.abs(spectrum[fine]) ** 2
    total = float(power.sum())
    energy = float(power[excess[fine] > FILTER_DB].sum()) / total if total else 0.0
    return float((excess[fine] > DETECT_DB).mean()), energy


def _off_axis_wedges(shape: tuple[int, int]) -> np.ndarray:
    """Bins more than AXIS_DEGREES from both axes. Only the test needs them: once a page has moiré,
    the filter also takes the stripes' bins near the axes, where a monitor's beat often lies."""
    h, w = shape
    fy = np.abs(np.arange(h, dtype=np.float32) - h // 2)[:, None]
    fx = np.abs(np.arange(w, dtype=np.float32) - w // 2)[None, :]
    angle = np.degrees(np.arctan2(fy / h, fx / w))  # 0 on the x axis, 90 on y
    return (angle > AXIS_DEGREES) & (angle < 90.0 - AXIS_DEGREES)


def _filtered(gray: np.ndarray) -> np.ndarray:
    spectrum, excess, fine = _spectrum(gray)
    stripes = fine & (excess > FILTER_DB)
    spectrum[stripes] *= np.exp(-excess[stripes])
    restored = np.real(np.fft.ifft2(np.fft.ifftshift(spectrum))) + float(gray.mean())
    return np.clip(restored, 0, 255).astype(np.uint8)


def _spectrum(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The centred spectrum, each bin's log magnitude over its ring's mean (smoothed so a band
    counts, not a single bin), and the mask of fine-scale bins off the axes."""
    g = gray.astype(np.float32)
    h, w = g.shape
    spectrum = np.fft.fftshift(np.fft.fft2(g - g.mean()))
    log_mag = np.log1p(np.abs(spectrum)).astype(np.float32)
    fy = (np.arange(h, dtype=np.float32) - h // 2) / h
    fx = (np.arange(w, dtype=np.float32) - w // 2) / w
    radius = np.hypot(fx[None, :], fy[:, None])
    rings = np.minimum((radius / radius.max() * RINGS).astype(np.int32), RINGS - 1).ravel()
    ring_mean = np.bincount(rings, log_mag.ravel(), RINGS) / np.maximum(np.bincount(rings, minlength=RINGS), 1)
    excess = cv2.GaussianBlur(log_mag - ring_mean[rings].reshape(h, w).astype(np.float32), (0, 0), 2)
    off_axes = (np.abs(np.arange(h) - h // 2) > AXIS_BINS)[:, None] & (np.abs(np.arange(w) - w // 2) > AXIS_BINS)[None, :]
    fine = (radius > 1 / MAX_PERIOD) & off_axes
    return spectrum, excess, fine
