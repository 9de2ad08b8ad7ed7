"""Thin ipywidgets views for notebooks (JupyterLab and Voilà); nothing else imports them.

:class:`ReorgSimulator` tries a reorganisation step by step; :class:`ChecklistScorer`
scores initiatives against a checklist.
"""

from orgmodel.widgets.scorer import ChecklistScorer
from orgmodel.widgets.simulator import ReorgSimulator

__all__ = ["ChecklistScorer", "ReorgSimulator"]
