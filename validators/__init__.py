"""Typed fields -> findings. Rules are data files under `validators/rules/`, loaded and checked at start-up."""

from validators.check import check_case, status_of
from validators.facts import CaseFacts, resolve_facts
from validators.findings import dedupe, finding
from validators.rules import RuleError, load_rules

__all__ = ["CaseFacts", "RuleError", "check_case", "dedupe", "finding", "load_rules", "resolve_facts", "status_of"]
