"""Reading and laying out a print of a bill: its lines, page and line numbers and markers."""
