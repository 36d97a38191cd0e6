"""Significant-figure rounding for fingerprints: a light module, so dedup loads no number grammar."""


def round_sig(value: float, digits: int = 3) -> float:
    """Round to significant figures, for fingerprints."""
    if value == 0:
        return 0.0
    return float(f"{value:.{digits}g}")
