"""Running the per-article work of the pipeline in worker processes or on a Dask cluster."""
