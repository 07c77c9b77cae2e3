"""An ingest's progress on the terminal: articles done of the estimated total, the
phase (reading, analysing, storing), articles a second and the time left.

rich redraws it ten times a second from its own thread, so the time, the rate and
the phase stay current while a batch is analysed or stored; the counts move with
each step the runner reports (`tidings.ingest.progress`).
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from tidings.ingest.progress import Progress as IngestProgress

ANALYSING = "analysing"  # tidings.ingest.progress.ANALYSING, not imported: it loads the readers


class PaceColumn(ProgressColumn):
    """Articles a second since the start, and the time left at that pace (rich's own
    speed needs several updates within a window; an ingest reports a batch at a time)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if not task.completed or elapsed <= 0:
            return Text("", style="progress.data.speed")
        rate = task.completed / elapsed
        pace = f"{rate:,.1f} articles/s"
        if task.total is not None and task.total > task.completed:
            left = int((task.total - task.completed) / rate)
            pace += f" · {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d} left"
        return Text(pace, style="progress.data.speed")


class IngestBar:
    """A callback for `Tidings.ingest(progress=…)` that draws the bar, as a context."""

    def __init__(self, console: Console, *, disable: bool = False):
        self.bar = Progress(
            TextColumn("{task.fields[phase]:<9}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("articles"),
            PaceColumn(),
            TimeElapsedColumn(),
            TextColumn(
                "{task.fields[batch]}read {task.fields[read]} · inputs {task.fields[inputs]}"
            ),
            console=console,
            disable=disable,
        )
        self.task = self.bar.add_task(
            "ingest", total=None, phase="starting", batch="", read=0, inputs=""
        )

    def __call__(self, state: IngestProgress) -> None:
        self.bar.update(
            self.task,
            completed=state.done,
            total=state.total,
            phase=state.phase,
            batch=f"batch {state.analysed}/{state.batch} · "
            if state.phase == ANALYSING and state.batch
            else "",
            read=state.read,
            inputs=f"{state.inputs_done}/{state.inputs_total}",
        )

    def __enter__(self) -> IngestBar:
        self.bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.bar.stop()
