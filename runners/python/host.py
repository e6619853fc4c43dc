"""The model host of the Python runners: `python3 runners/python/host.py`, then the runner protocol on stdin/stdout."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from model_host.host import main  # noqa: E402

if __name__ == "__main__":
    main()
