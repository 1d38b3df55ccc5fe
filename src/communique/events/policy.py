"""Per-type policy of the event coder, from ``data/type_policy.csv`` (see docs/events.md).

Which prepositions hold a recipient, the REQUEST/REJECT and THREATEN modes an embedded
event gives, and the sets of types a rule applies to (``flags``)."""

from __future__ import annotations

from .plover import TYPES, _rows

_POLICY = {r["type"]: r for r in _rows("type_policy.csv")}
if set(_POLICY) != set(TYPES):
    raise ValueError("type_policy.csv: its types differ from plover_types.csv")


def _split(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in (value or "").split("|") if v.strip())


def _flagged(flag: str) -> frozenset[str]:
    return frozenset(t for t, r in _POLICY.items() if flag in _split(r["flags"]))


def _column(name: str) -> dict[str, str]:
    return {t: r[name] for t, r in _POLICY.items() if r[name]}


#: where a verb's recipient is looked for, by type, after its direct object
VERB_RECIPIENT_PREPS = {t: _split(r["verb_preps"]) for t, r in _POLICY.items()}
#: where a nominal trigger's recipient is: "invasion OF Ukraine", "sanctions ON Iran"
NOUN_RECIPIENT_PREPS = {t: _split(r["noun_preps"]) for t, r in _POLICY.items()}
#: REQUEST/REJECT mode from the type of the event asked for or refused
REQUEST_MODE = _column("request_mode")
#: THREATEN mode from the type of the event threatened
THREAT_MODE = _column("threat_mode")
#: what the purpose clause of a purpose type may be: "donated ventilators TO ASSIST X"
PURPOSE_OF = {t: _split(r["purpose_of"]) for t, r in _POLICY.items() if r["purpose_of"]}

RECIPROCAL = _flagged("reciprocal")
FUTURE_AS_AGREE = _flagged("future_as_agree")
PLACE_TYPES = _flagged("place")
PATIENT_TYPES = _flagged("patient")
TRANSFER_TYPES = _flagged("transfer")
THROUGH_OBJECT_TYPES = _flagged("through_object")
PURPOSE_TYPES = _flagged("purpose")
JOINT_TYPES = _flagged("joint")
OUTER_SPANS = _flagged("outer_span")
PLACE_SPAN_TYPES = _flagged("place_span")
SCENE_TYPES = _flagged("scene")
INHERIT_TYPES = _flagged("inherit")
STATE_MODIFIER_TYPES = _flagged("state_modifier")
BENEFICIARY_TYPES = _flagged("beneficiary")
