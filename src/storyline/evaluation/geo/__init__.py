"""Geocoding quality (``eval geo``) on LGL, GeoWebNews and GeoVirus."""
