"""Thin ipywidgets views for notebooks (JupyterLab and Voilà); nothing else imports them.

* :class:`ReorgSimulator` -- try a reorganisation step by step, keep and compare scenarios
* :class:`ChecklistScorer` -- score initiatives against a checklist, live ranking
* :class:`TeamBuilder` -- staff a cross-functional team (agile arena) for a need
* :class:`ActionPlanBoard` -- follow up an action plan: filter, status, RACI, load
* :class:`TargetsView` -- effect targets with survey shares and confidence intervals
* :class:`FacilitatorView` -- a workshop's live group results for the facilitator
"""

from orgmodel.widgets.board import ActionPlanBoard, TargetsView
from orgmodel.widgets.facilitator import FacilitatorView
from orgmodel.widgets.scorer import ChecklistScorer
from orgmodel.widgets.simulator import ReorgSimulator
from orgmodel.widgets.team_builder import TeamBuilder

__all__ = [
    "ActionPlanBoard",
    "ChecklistScorer",
    "FacilitatorView",
    "ReorgSimulator",
    "TargetsView",
    "TeamBuilder",
]
