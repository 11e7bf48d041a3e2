"""The campaign's models, one module per domain, re-exported here."""

from pledges.models.call_to_action import CallToActionPage
from pledges.models.campaign import ActionSubmission, Endorsement, SubmissionImage
from pledges.models.governments import LocalGovernment
from pledges.models.local_actions import LocalActionPage
from pledges.models.open_data import OpenDataPage
from pledges.models.registries import RegistryPublication
from pledges.models.taxonomies import (
    SDG,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    PopulationGroup,
    Theme,
)

__all__ = [
    "SDG",
    "ActionSubmission",
    "CallToActionPage",
    "Endorsement",
    "GCMObjective",
    "GCMPrinciple",
    "GCRArea",
    "GCRObjective",
    "LocalActionPage",
    "LocalGovernment",
    "OpenDataPage",
    "PopulationGroup",
    "RegistryPublication",
    "SubmissionImage",
    "Theme",
]
