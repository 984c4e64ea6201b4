"""`python -m skillcheck`."""

from skillcheck.cli import main

raise SystemExit(main())
