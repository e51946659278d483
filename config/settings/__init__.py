"""Settings package: base (shared), dev (default), test and production."""
