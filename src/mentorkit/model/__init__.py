"""The data model: frozen values that every stage after loading reads. No I/O here.

Two seams: the library's values (model/library.py, its training plans in model/plans.py) and an agency's
definition (model/agency.py); model/base.py holds what both share (Text, Track).
"""

from mentorkit.model.base import Text, Track
from mentorkit.model.agency import Publisher, Contact, Commitment, Goal, Disagreement, CurrentState, Session, Agency, FollowUp, IndicatorCheck, Story, RANGE_MIN_RESPONDENTS, SURVEY_MIN_RESPONDENTS
from mentorkit.model.evidence import Conformance, Evidence, Gate, GateRun, PDF_VARIANT
from mentorkit.model.library import Authority, Edition, Body, ModuleText, Module, GroupSize, ExerciseText, Exercise, PageText, PageKind, Page, Labelled, Theme, Dimension, Scale, Term, Reference, Accessibility, Privacy, Site, SiteSettings, Library, TemplateField, BLOCK_TYPES, HANDOUT_PARTS
from mentorkit.model.plans import PlanItem, PlanSession, RoundEvent, TrainingPlan

__all__ = ["Accessibility", "Agency", "Authority", "Conformance", "Evidence", "Gate", "GateRun", "PDF_VARIANT", "BLOCK_TYPES", "Body", "HANDOUT_PARTS", "Commitment", "Contact", "CurrentState", "Dimension", "Disagreement", "Edition", "Exercise", "ExerciseText", "FollowUp", "Goal", "GroupSize", "IndicatorCheck", "RANGE_MIN_RESPONDENTS", "SURVEY_MIN_RESPONDENTS", "Story", "Labelled", "Library", "Module", "ModuleText", "Page", "PageKind", "PageText", "PlanItem", "PlanSession", "Privacy", "Publisher", "Reference", "RoundEvent", "Scale", "Session", "Site", "SiteSettings", "TemplateField", "Term", "Text", "Theme", "Track", "TrainingPlan"]
