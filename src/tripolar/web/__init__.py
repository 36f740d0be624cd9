"""tripolar over HTTP: the API and the dashboard (`tripolar serve`)."""
