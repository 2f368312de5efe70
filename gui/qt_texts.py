"""Korean for texts of Qt's own file dialog that Qt's Korean catalogue lacks.

Where the desktop offers no native file dialog (minimal Linux desktops, Xvfb), Qt shows its
own, and ``qtbase_ko.qm`` of Qt 6.11 has no Korean for these three texts. Listing them here
puts them into ``review_labeler_ko.ts`` in Qt's own contexts, and Qt finds them in the app's
translator, which is installed beside Qt's. Nothing imports this module; pyside6-lupdate reads it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

QT_FILE_DIALOG_TEXTS = (
    translate("QFileDialog", "&Look in:"),
    translate("QFileDialog", "Files of &type:"),
    # The third argument is Qt's disambiguation, which the lookup must match.
    translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
)
