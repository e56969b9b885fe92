"""Loading and validation: read content and definitions into the model, collecting every problem."""
