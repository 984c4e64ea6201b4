"""What the command line prints: one candidate's results (`score`, `show`) and the team (`report`).

Layout only: the words of a result come from `skillcheck.domain.wording`. Nothing here
imports Textual or the SSH library; rich is imported only to style a terminal's output.
"""
