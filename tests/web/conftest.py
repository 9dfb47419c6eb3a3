from tests.api.conftest import client, served  # noqa: F401 - the same store and app
