"""Nashra briefings."""
