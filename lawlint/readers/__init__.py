"""Readers: one module per input format, and the discovery of files to lint."""
