// TaskAPI: see the issue that builds it.
