"""Which language a text is in, by a real detector (py3langid's model ships inside its package)."""

from __future__ import annotations

from functools import cache

SUPPORTED = frozenset({"en"})
# The detector is linear in length; a thousand characters of prose already decide the language.
_SAMPLE_CHARS = 1000


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability, e.g. ``("en", 0.99)``."""
    language, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(language), float(probability)
