"""The customer's signature pad (签字板): vector strokes from mouse, touchpad, pen or touch screen.

Strokes are kept as points ``(x, y, t_ms, pressure)`` in the logical pixels of the signing box
(the pad's size when the first point was drawn), ``t_ms`` counted from the first point of the
signature. Vectors, never a screenshot: they re-render at any DPI and as PDF paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEventPoint,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from fieldapp.visits.types import Point

MOUSE_PRESSURE = 0.5  # mouse, touchpad and touch screens without pressure
INK_WIDTH = 2.6  # pen width in logical px at pressure 0.5
INK_COLOR = QColor(20, 30, 90)  # dark blue ink
BASELINE_AT = 0.74  # share of the height where the signature line runs


def _ink_width(pressure: float) -> float:
    """Light touches draw thinner lines, firm ones thicker (0.5 → INK_WIDTH)."""
    return INK_WIDTH * (0.35 + 1.3 * max(0.0, min(1.0, pressure)))


class SignaturePad(QWidget):
    """A box the customer signs in; ``changed`` is emitted whenever the strokes change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[Point]] = []
        self._drawing = False  # a stroke is in progress
        self._touch_id: int | None = None  # the finger that draws; other fingers are ignored
        self._box: QSizeF | None = None  # the signing box, fixed at the first point
        self._read_only = False
        self._clock = QElapsedTimer()  # ms since the first point of the signature
        self._stroke_anchor: tuple[int, int] | None = None  # (event timestamp, clock ms)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(480, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Sign here with the mouse, touchpad, pen or finger"))
        self.setAccessibleName(self.tr("Signature pad"))

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    # --- API -----------------------------------------------------------------------------------

    def strokes(self) -> tuple[tuple[Point, ...], ...]:
        """The strokes drawn so far, oldest first."""
        return tuple(tuple(s) for s in self._strokes)

    def box_size(self) -> QSize:
        """Width and height the stroke coordinates refer to (the pad's size while signing)."""
        box = self._box or QSizeF(self.size())
        return box.toSize()

    def is_empty(self) -> bool:
        """True unless some stroke has at least two points (a lone dot is not a signature)."""
        return not any(len(s) >= 2 for s in self._strokes)

    def clear(self) -> None:
        """Remove every stroke; the next point starts a new signature (and a new clock)."""
        self._strokes.clear()
        self._drawing = False
        self._touch_id = None
        self._box = None
        self._clock.invalidate()
        self._changed()

    def undo_stroke(self) -> None:
        """Remove the last stroke."""
        if self._strokes:
            self._strokes.pop()
            self._drawing = False
            if not self._strokes:
                self.clear()
                return
            self._changed()

    def set_strokes(self, strokes: Iterable[Sequence[Sequence[float]]],
                    width: int | None = None, height: int | None = None) -> None:
        """Show an existing signature; ``width`` × ``height`` is its box (scaled to fit the pad).

        Combine with ``read_only = True`` to display a stored signature.
        """
        self._strokes = [[(float(p[0]), float(p[1]), int(p[2]), float(p[3])) for p in s]
                         for s in strokes]
        self._drawing = False
        self._box = QSizeF(width, height) if width and height else None
        self._changed()

    @property
    def read_only(self) -> bool:
        """A read-only pad shows its strokes and ignores all input."""
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        self._read_only = bool(value)
        self._drawing = False
        self.setCursor(Qt.CursorShape.ArrowCursor if value else Qt.CursorShape.CrossCursor)
        self.update()

    # --- Geometry and time --------------------------------------------------------------------

    def _to_widget(self) -> QTransform:
        """Box coordinates → widget coordinates: scaled to fit and centred if the pad was resized."""
        if self._box is None or self._box.isEmpty():
            return QTransform()
        bw, bh = self._box.width(), self._box.height()
        scale = min(self.width() / bw, self.height() / bh)
        return QTransform.fromTranslate((self.width() - bw * scale) / 2,
                                        (self.height() - bh * scale) / 2).scale(scale, scale)

    def _box_point(self, pos: QPointF) -> tuple[float, float]:
        """Widget position → box coordinates, clamped into the box."""
        if self._box is None:
            self._box = QSizeF(self.size())
        inverse, _ = self._to_widget().inverted()
        p = inverse.map(pos)
        x = min(max(p.x(), 0.0), self._box.width())
        y = min(max(p.y(), 0.0), self._box.height())
        return round(x, 2), round(y, 2)

    def _time_ms(self, event_ms: int, new_stroke: bool) -> int:
        """Ms since the signature's first point: event timestamps within a stroke, clock between."""
        if not self._clock.isValid():
            self._clock.start()
        now = int(self._clock.elapsed())
        if new_stroke or self._stroke_anchor is None:
            self._stroke_anchor = (event_ms, now)
            t = now
        elif event_ms > 0 and event_ms >= self._stroke_anchor[0]:
            t = self._stroke_anchor[1] + (event_ms - self._stroke_anchor[0])
        else:  # synthetic events without timestamps
            t = now
        last = self._strokes[-1][-1][2] if self._strokes and self._strokes[-1] else 0
        return max(t, last)

    # --- Recording ----------------------------------------------------------------------------

    def _begin(self, pos: QPointF, event_ms: int, pressure: float) -> None:
        x, y = self._box_point(pos)
        self._strokes.append([(x, y, self._time_ms(event_ms, True), pressure)])
        self._drawing = True
        self._changed()

    def _extend(self, pos: QPointF, event_ms: int, pressure: float) -> None:
        if not self._drawing:
            return
        x, y = self._box_point(pos)
        stroke = self._strokes[-1]
        if (x, y) == stroke[-1][:2]:
            return  # the pointer did not move; keep the stroke lean
        stroke.append((x, y, self._time_ms(event_ms, False), pressure))
        self._changed()

    def _end(self, pos: QPointF, event_ms: int, pressure: float) -> None:
        self._extend(pos, event_ms, pressure)
        self._drawing = False

    def _changed(self) -> None:
        self.update()
        self.changed.emit()

    # --- Input --------------------------------------------------------------------------------

    def _accepts_mouse(self, e: QMouseEvent) -> bool:
        # Qt synthesizes mouse events from unaccepted tablet and touch events: drawing them too
        # would double every stroke.
        return not self._read_only and e.source() == Qt.MouseEventSource.MouseEventNotSynthesized

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if not self._accepts_mouse(e) or e.button() != Qt.MouseButton.LeftButton:
            e.ignore()
            return
        self._begin(e.position(), e.timestamp(), MOUSE_PRESSURE)
        e.accept()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if not self._accepts_mouse(e) or not e.buttons() & Qt.MouseButton.LeftButton:
            e.ignore()
            return
        self._extend(e.position(), e.timestamp(), MOUSE_PRESSURE)
        e.accept()

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if not self._accepts_mouse(e) or e.button() != Qt.MouseButton.LeftButton:
            e.ignore()
            return
        self._end(e.position(), e.timestamp(), MOUSE_PRESSURE)
        e.accept()

    def tabletEvent(self, e: QTabletEvent) -> None:
        if self._read_only:
            e.ignore()
            return
        pressure = e.pressure()
        if e.type() == QEvent.Type.TabletPress:
            self._begin(e.position(), e.timestamp(), pressure)
        elif e.type() == QEvent.Type.TabletMove:
            self._extend(e.position(), e.timestamp(), pressure)  # hovering: no stroke, ignored
        elif e.type() == QEvent.Type.TabletRelease:
            self._end(e.position(), e.timestamp(), self._strokes[-1][-1][3] if self._drawing
                      else pressure)  # the pen lifts with pressure 0; keep the last width
        e.accept()  # otherwise Qt synthesizes a mouse event from it

    def event(self, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                        QEvent.Type.TouchCancel) and isinstance(e, QTouchEvent):
            if self._read_only:
                e.ignore()
                return False
            self._touch(e)
            e.accept()
            return True
        return super().event(e)

    def _touch(self, e: QTouchEvent) -> None:
        if e.type() == QEvent.Type.TouchCancel:
            self._drawing = False
            self._touch_id = None
            return
        device = e.pointingDevice()
        has_pressure = device is not None and bool(
            device.capabilities() & QInputDevice.Capability.Pressure)
        for point in e.points():
            pressure = point.pressure() if has_pressure else MOUSE_PRESSURE
            if self._touch_id is None and e.type() == QEvent.Type.TouchBegin:
                self._touch_id = point.id()
                self._begin(point.position(), e.timestamp(), pressure)
            elif point.id() == self._touch_id:
                if point.state() == QEventPoint.State.Released:
                    self._end(point.position(), e.timestamp(), pressure)
                    self._touch_id = None
                else:
                    self._extend(point.position(), e.timestamp(), pressure)
        if e.type() == QEvent.Type.TouchEnd:
            self._drawing = False
            self._touch_id = None

    # --- Painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.fillRect(self.rect(), QColor(Qt.GlobalColor.white))
        p.setPen(QPen(QColor(170, 175, 185), 1))
        p.drawRoundedRect(r, 6, 6)
        if not self._strokes and not self._read_only:
            self._paint_hint(p)
        p.setTransform(self._to_widget())  # the line scales with the strokes it was signed on
        self._paint_baseline(p, self._box or QSizeF(self.size()))
        self._paint_strokes(p)
        p.end()

    def _paint_baseline(self, p: QPainter, box: QSizeF) -> None:
        y = round(box.height() * BASELINE_AT) + 0.5
        left, right = 24.0, box.width() - 24.0
        line = QPen(QColor(150, 155, 165), 1, Qt.PenStyle.DashLine)
        line.setCosmetic(True)
        p.setPen(line)
        p.drawLine(QPointF(left + 22, y), QPointF(right, y))
        cross = QPen(QColor(120, 125, 135), 1.6)
        cross.setCosmetic(True)
        p.setPen(cross)
        p.drawLine(QPointF(left, y - 12), QPointF(left + 10, y - 2))  # the "×" where one signs
        p.drawLine(QPointF(left, y - 2), QPointF(left + 10, y - 12))

    def _paint_hint(self, p: QPainter) -> None:
        font = p.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        p.setFont(font)
        p.setPen(QColor(190, 195, 205))
        hint_box = QRectF(0, 0, self.width(), self.height() * BASELINE_AT - 6)
        p.drawText(hint_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                   self.tr("Sign here"))

    def _paint_strokes(self, p: QPainter) -> None:
        pen = QPen(INK_COLOR)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for stroke in self._strokes:
            if len(stroke) == 1:  # a dot
                x, y, _, pressure = stroke[0]
                pen.setWidthF(_ink_width(pressure))
                p.setPen(pen)
                p.drawPoint(QPointF(x, y))
                continue
            for a, b in pairwise(stroke):
                pen.setWidthF(_ink_width((a[3] + b[3]) / 2))
                p.setPen(pen)
                p.drawLine(QPointF(a[0], a[1]), QPointF(b[0], b[1]))
