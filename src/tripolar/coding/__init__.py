"""The coder: sentences into dated, modal, evidence-linked CAMEO/PLOVER events."""
