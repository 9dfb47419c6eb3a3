"""The REST API and the web UI as one ASGI app (:func:`storyline.api.app.create_app`)."""
