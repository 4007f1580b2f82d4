"""Matching infrastructure shared by the matcher types."""
