"""Drop-in replacements for other bounce libraries' entry points, backed by mailbounce."""
