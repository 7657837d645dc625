"""The app's screens; each module imports on first use, so startup stays fast."""
