"""The articles' Python models, each in a model host speaking the runner protocol (docs/runner-protocol.md)."""
