"""``python -m tests.bench``: run the practice library's benchmark."""

import sys

from tests.bench.benchmark import main

sys.exit(main())
