"""Peer driver for benches/compare.sh: the grounded extension with the PyPI
package python-argumentation (import name `py_arg`), read from an ICCMA 2023
`.af` file through its own ICCMA 2023 reader.

Usage: python py_arg_grounded.py FILE.af
Prints `w a1 a2 ...` (the arguments' numbers), the ICCMA answer format.
py_arg's reader does not skip `#` comment lines, which the format allows, so
they are dropped before it reads the text (that is part of the timed run).
"""

import sys

from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
from py_arg.import_export.argumentation_framework_from_iccma23_format_reader import (
    ArgumentationFrameworkFromICCMA23FormatReader,
)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = "\n".join(line for line in f.read().split("\n") if not line.startswith("#"))
    af = ArgumentationFrameworkFromICCMA23FormatReader.from_iccma23(text)
    grounded = get_grounded_extension(af)
    print("w " + " ".join(sorted((a.name[1:] for a in grounded), key=int)))


if __name__ == "__main__":
    main()
