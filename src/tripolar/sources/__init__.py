"""Where evidence comes in: news documents (``news``) and pre-coded event datasets (``events``)."""
