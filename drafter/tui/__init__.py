"""The Textual terminal app: a front end over drafter.core, started by the command line."""
