"""What every section of the household editor shares: the base class and the editor's context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from fupin_desktop.domain.codes import CodeLists
from fupin_desktop.domain.records import HouseholdRecord
from fupin_desktop.domain.validation import Problem
from fupin_desktop.services.households import HouseholdDraft
from fupin_desktop.services.register import VillageRow
from fupin_desktop.settings import Settings
from fupin_desktop.ui.app_context import UiContext


@dataclass(frozen=True, slots=True)
class EditorContext:
    ui: UiContext
    codes: CodeLists
    villages: list[VillageRow]
    settings: Settings
    today: date
    can_edit: bool
    full_ids: bool  # the actor may see ID numbers in full
    current_record: Callable[[], HouseholdRecord]  # the household as edited so far (all sections)


class Section(QWidget):
    """One page of the editor. `apply` returns the draft with this section's edits."""

    title = ""
    changed = Signal()

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def load(self, draft: HouseholdDraft) -> None:
        raise NotImplementedError

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        return draft

    def show_problems(self, problems: list[Problem]) -> None:
        """Highlight the problems that belong here (all sections are told of every problem)."""

    def refresh(self) -> None:
        """Another section changed something this one shows (e.g. the members)."""
