"""Nashra storage."""
