"""Fakes of the far side of real protocols."""
