"""Charts of the summary panel (QtCharts): label distribution bars and the confidence histogram."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

PREDICTED_COLOR = QColor(96, 139, 205)
FINAL_COLOR = QColor(232, 157, 64)
HISTOGRAM_COLOR = QColor(120, 170, 120)


def _plain_chart() -> QChart:
    """Return a chart without animation, rounded corners or margins, with localized axis numbers."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(0, 0, 0, 0))
    # Axis numbers get the interface locale's thousands separator.
    chart.setLocalizeNumbers(True)
    return chart


def _set_up_view(view: QChartView, name: str, height: int) -> None:
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height)
    view.setMaximumHeight(height + 60)


class BarChartView(QChartView):
    """A chart view that shows one grouped bar chart and can be refilled in place."""

    def __init__(self, name: str, height: int = 210, axis_title: str = "") -> None:
        chart = _plain_chart()
        super().__init__(chart)
        _set_up_view(self, name, height)
        # The axes are made once and refilled: a removed axis lingers in the scene until the
        # event loop deletes it, so replacing axes would draw old labels under new ones.
        self._category_axis = QBarCategoryAxis()
        self._category_axis.setTitleText(axis_title)
        self._value_axis = QValueAxis()
        # With localized numbers Qt Charts (6.11) draws no labels for "%d", but does for "%.0f".
        self._value_axis.setLabelFormat("%.0f")
        chart.addAxis(self._category_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._value_axis, Qt.AlignmentFlag.AlignLeft)

    def show_bars(self, categories: Sequence[str], sets: Sequence[tuple[str, Sequence[int], QColor]],
                  show_legend: bool = True) -> None:
        """Replace the chart's bars: one bar set per (name, values, colour), one group per category."""
        chart = self.chart()
        # removeAllSeries deletes the series and their bar sets at once.
        chart.removeAllSeries()

        series = QBarSeries()
        top = 0
        for name, values, color in sets:
            bar_set = QBarSet(name)
            bar_set.append([float(value) for value in values])
            bar_set.setColor(color)
            bar_set.setBorderColor(color)
            series.append(bar_set)
            top = max([top, *values])
        chart.addSeries(series)

        self._category_axis.clear()
        self._category_axis.append(list(categories))
        self._value_axis.setRange(0, max(top, 1) * 1.1)
        self._value_axis.applyNiceNumbers()
        series.attachAxis(self._category_axis)
        series.attachAxis(self._value_axis)
        chart.legend().setVisible(show_legend)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)

    def bar_values(self) -> dict[str, list[float]]:
        """Return the values of every bar set by name (what tests compare with the core's counts)."""
        values = {}
        for series in self.chart().series():
            for bar_set in series.barSets():
                values[bar_set.label()] = [bar_set.at(index) for index in range(bar_set.count())]
        return values


class HistogramView(QChartView):
    """A histogram drawn as a filled step line over a numeric x axis, so every tick label fits."""

    def __init__(self, name: str, x_title: str, height: int = 190) -> None:
        chart = _plain_chart()
        chart.legend().setVisible(False)
        super().__init__(chart)
        _set_up_view(self, name, height)
        self._x_axis = QValueAxis()
        self._x_axis.setTitleText(x_title)
        self._x_axis.setLabelFormat("%.0f")
        self._x_axis.setTickCount(6)
        self._y_axis = QValueAxis()
        self._y_axis.setLabelFormat("%.0f")
        chart.addAxis(self._x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y_axis, Qt.AlignmentFlag.AlignLeft)
        self._counts: list[int] = []
        self._upper: QLineSeries | None = None

    def show_histogram(self, edges: Sequence[float], counts: Sequence[int], scale: float = 100.0) -> None:
        """Draw ``counts`` between consecutive ``edges`` (multiplied by ``scale`` on the x axis)."""
        chart = self.chart()
        chart.removeAllSeries()
        self._counts = [int(count) for count in counts]
        upper = QLineSeries()
        for index, count in enumerate(self._counts):
            upper.append(QPointF(edges[index] * scale, count))
            upper.append(QPointF(edges[index + 1] * scale, count))
        # The area series does not own its boundary line, so the view keeps it alive.
        self._upper = upper
        area = QAreaSeries(upper)
        area.setColor(HISTOGRAM_COLOR)
        area.setPen(QPen(HISTOGRAM_COLOR.darker(130)))
        chart.addSeries(area)
        area.attachAxis(self._x_axis)
        area.attachAxis(self._y_axis)
        low, high = (edges[0] * scale, edges[-1] * scale) if len(edges) else (0.0, scale)
        self._x_axis.setRange(low, high)
        self._y_axis.setRange(0, max([1, *self._counts]) * 1.1)
        self._y_axis.applyNiceNumbers()

    def counts(self) -> list[int]:
        """Return the row count of every bin as drawn (what tests compare with the core's histogram)."""
        return list(self._counts)
