"""Places: the offline gazetteer, the geocoder, and place mentions with their keys."""
