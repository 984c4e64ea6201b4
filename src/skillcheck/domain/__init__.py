"""Pure domain: models and functions. Imports neither Textual nor anything that touches files."""
