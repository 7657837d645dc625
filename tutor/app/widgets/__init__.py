"""Widgets of the app: the loss curve, the verdict panel, derivations."""
