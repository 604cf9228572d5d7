"""Reusable test helpers: role checks, the privacy scanner, the SIGKILL harness, damaged databases."""
