from scorer.cli.main import main

raise SystemExit(main())
