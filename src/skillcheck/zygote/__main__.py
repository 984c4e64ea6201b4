"""`python -m skillcheck.zygote --fd N [--entry E] [--bank DIR]` (started by `skillcheck serve`)."""

from skillcheck.zygote.run import main

raise SystemExit(main())
