"""Pure rules of the domain (DOMAIN.md). Imports nothing of ours but itself."""
