"""A label whose room is fixed: a message that does not fit ends in … on its last line, with the
whole text in the tooltip. Showing, changing or clearing it never moves what is around it, and
no character is ever cut in half (the text is laid out and elided, never clipped)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """At most ``lines`` lines of plain text, wrapped at words (a word wider than the label
    anywhere); what does not fit ends in … on the last line."""

    def __init__(self, lines: int = 1) -> None:
        super().__init__()
        self.max_lines = lines
        self._shown: list[str] = []
        self._elided = False
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + 2)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self._layout_text()
        self.update()

    def clear(self) -> None:
        self.setText("")

    def sizeHint(self) -> QSize:
        """As wide as the text on one line (layouts ignore it: the room is the layout's)."""
        return QSize(self.fontMetrics().horizontalAdvance(self.text()), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…"), self.height())

    def shown_lines(self) -> list[str]:
        """The lines as painted (the last one ending in … when the text did not fit)."""
        return list(self._shown)

    def is_elided(self) -> bool:
        """Part of the text is only in the tooltip."""
        return self._elided

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_text()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        metrics = self.fontMetrics()
        for i, line in enumerate(self._shown):
            painter.drawText(QPoint(0, 1 + i * metrics.lineSpacing() + metrics.ascent()), line)

    def _layout_text(self) -> None:
        width = max(self.width(), 1)
        lines: list[str] = []
        for paragraph in self.text().split("\n"):
            lines.extend(_wrapped(paragraph, self, width))
        self._elided = len(lines) > self.max_lines
        if self._elided:
            rest = " ".join(x.strip() for x in lines[self.max_lines - 1:])
            lines = [*lines[:self.max_lines - 1], rest]
        metrics = self.fontMetrics()
        self._shown = [metrics.elidedText(x.rstrip(), Qt.TextElideMode.ElideRight, width)
                       for x in lines]
        self._elided = self._elided or any(a != b.rstrip() for a, b in zip(self._shown, lines,
                                                                            strict=True))


def _wrapped(paragraph: str, label: QLabel, width: int) -> list[str]:
    """``paragraph`` broken into lines of at most ``width`` px as Qt would wrap it."""
    if not paragraph:
        return []
    layout = QTextLayout(paragraph, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    units = paragraph.encode("utf-16-le")  # Qt counts UTF-16 code units
    out = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        out.append(units[2 * start:2 * (start + length)].decode("utf-16-le"))
    layout.endLayout()
    return out
