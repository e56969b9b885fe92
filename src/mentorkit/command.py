"""How a user types the kit's command: the one spelling every text, message and saved file uses."""

COMMAND = "./mentorkit"
"""The launcher in the project folder (./mentorkit): it works in a fresh shell, with nothing on PATH and no activated environment."""
