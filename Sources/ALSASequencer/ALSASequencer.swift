// ALSASequencer: see the issue that builds it.
