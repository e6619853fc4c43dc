"""One module per model of the articles; each is a Model (model.py)."""
