"""Readers: each turns one input format into the model."""
