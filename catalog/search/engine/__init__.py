"""The real OpenSearch node the tests, `make run SEARCH=engine` and bench/ start (node.py)."""
