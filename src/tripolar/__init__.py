"""tripolar: news about great-power relations turned into an evidence-linked model of the triangle."""

__version__ = "0.1.0"

from tripolar.demo import DemoReport, run_demo  # noqa: E402
from tripolar.errors import ActorNotFound, InputError, StoreError, TripolarError  # noqa: E402
from tripolar.model import Actor, Document, Event, Evidence, Reject, Run, Sentence  # noqa: E402
from tripolar.ontology.cameo import cameo, cameo_codebook  # noqa: E402
from tripolar.ontology.resolver import Resolution, resolve_actor  # noqa: E402
from tripolar.sample import load_sample  # noqa: E402
from tripolar.store import Store, open_store  # noqa: E402
from tripolar.store.exports import export_gdelt, export_parquet, export_plover, import_parquet  # noqa: E402

# The coder loads spaCy, which takes seconds: it is imported on first use, not with the package.
_LAZY = {"code_text": "tripolar.coding.coder", "Coder": "tripolar.coding.coder"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tripolar' has no attribute {name!r}")


__all__ = [
    "Actor",
    "ActorNotFound",
    "cameo",
    "cameo_codebook",
    "code_text",
    "Coder",
    "DemoReport",
    "Document",
    "Event",
    "Evidence",
    "export_gdelt",
    "export_parquet",
    "export_plover",
    "import_parquet",
    "InputError",
    "load_sample",
    "open_store",
    "Reject",
    "Resolution",
    "resolve_actor",
    "Run",
    "run_demo",
    "Sentence",
    "Store",
    "StoreError",
    "TripolarError",
    "__version__",
]
