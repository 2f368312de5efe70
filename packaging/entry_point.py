"""Start script that PyInstaller freezes into the ``review-labeler`` executable.

It does what the ``review-labeler`` console script of a normal install does: sub-commands and
``--self-test`` run headless, anything else opens the window.
"""

import multiprocessing

from review_labeler.gui.launcher import main

if __name__ == "__main__":
    # A frozen program on Windows and macOS starts child processes by running itself again.
    # freeze_support() makes such a start do the child's work instead of opening a second app.
    multiprocessing.freeze_support()
    raise SystemExit(main())
