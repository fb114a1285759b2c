"""Nashra bot."""
