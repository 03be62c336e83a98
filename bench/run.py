"""Entry point of ``make bench``: the bench itself is the package bench/digibench (see its __init__)."""

import sys

from digibench.cli import main

if __name__ == "__main__":
    sys.exit(main())
