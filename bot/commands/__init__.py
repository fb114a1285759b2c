"""Subcommands of the nashra command line."""
