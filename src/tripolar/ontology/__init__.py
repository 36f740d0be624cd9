"""The codebooks and the actor knowledge base, as data files with loaders."""
