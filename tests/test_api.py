import tripolar


def test_public_names_are_exported_and_sorted():
    assert tripolar.__all__ == sorted(tripolar.__all__, key=lambda name: (name.startswith("_"), name.lower()))
    for name in tripolar.__all__:
        assert hasattr(tripolar, name), name
