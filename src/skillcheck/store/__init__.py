"""All file I/O: the bank, answers, results, autosave and every path."""
