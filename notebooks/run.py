"""Executes every notebook in this folder against an output directory of `whosaid extract`.

    WHOSAID_OUT=out WHOSAID_FIGURES=notebooks/figures python notebooks/run.py

Fails (exit 1) on the first cell that raises. The notebooks are not rewritten, so the
committed copies stay free of outputs.
"""

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def main() -> int:
    os.environ.setdefault("WHOSAID_ROOT", str(HERE.parent))
    # Paths given relative to where the command runs, not to the notebooks' folder.
    for name in ("WHOSAID_OUT", "WHOSAID_FIGURES"):
        if name in os.environ:
            os.environ[name] = str(Path(os.environ[name]).resolve())
    os.environ.setdefault("MPLBACKEND", "Agg")
    notebooks = sorted(HERE.glob("*.ipynb"))
    if not notebooks:
        print("no notebooks", file=sys.stderr)
        return 1
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(HERE)}})
        try:
            client.execute()
        except Exception as error:  # nbclient raises CellExecutionError with the traceback
            print(f"{path.name}: {error}", file=sys.stderr)
            return 1
        print(f"{path.name}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
