"""The score contract of DESIGN.md: exactly these keys, null sides where a claim has no text."""

from __future__ import annotations

import json

from claimdesk.claims import ENGINE_VERSION, STATUSES, report_to_dict, score_pair

ORIGINAL = (
    "The Corvale ferry carried 1,500 passengers on Friday.\n\n"
    "Captain Ines Moreau said the crossing took four hours.\n\n"
    "The harbour will not close this winter."
)
VARIANT = (
    "The Corvale ferry transported 1,800 travellers on Friday.\n\n"
    "The harbour will not close this winter.\n\n"
    "Mayor Rolf Jansen promised 40 new berths by 2031."
)


def contract() -> dict:
    return report_to_dict(score_pair(ORIGINAL, VARIANT), "pair-7")


def test_top_level_and_summary_keys() -> None:
    obj = contract()
    assert set(obj) == {"id", "engine", "summary", "claims"}
    assert obj["id"] == "pair-7"
    assert obj["engine"] == f"claimdesk {ENGINE_VERSION}"
    assert set(obj["summary"]) == {"fidelity", "coverage", "spin", "risk", "counts"}
    assert list(obj["summary"]["counts"]) == list(STATUSES)
    assert all(isinstance(obj["summary"][k], float) for k in ("fidelity", "coverage", "spin", "risk"))


def test_claim_keys_and_span_shapes() -> None:
    claims = contract()["claims"]
    assert claims
    for claim in claims:
        assert set(claim) == {"status", "score", "original", "variant", "reasons"}
        assert claim["status"] in STATUSES
        for side in ("original", "variant"):
            assert claim[side] is None or set(claim[side]) == {"start", "end"}
        for reason in claim["reasons"]:
            assert set(reason) == {"kind", "original", "variant"}


def test_null_sides_for_added_and_dropped() -> None:
    by_status = {c["status"]: c for c in contract()["claims"]}
    assert by_status["added"]["original"] is None and by_status["added"]["variant"] is not None
    assert by_status["dropped"]["variant"] is None and by_status["dropped"]["original"] is not None
    assert by_status["altered"]["reasons"] == [{"kind": "number", "original": "1,500", "variant": "1,800"}]


def test_offsets_slice_the_texts_as_given() -> None:
    for claim in contract()["claims"]:
        for side, text in (("original", ORIGINAL), ("variant", VARIANT)):
            if claim[side]:
                assert text[claim[side]["start"] : claim[side]["end"]].strip()


def test_id_defaults_to_null_and_survives_json() -> None:
    obj = report_to_dict(score_pair("", ""))
    assert obj["id"] is None
    assert obj["claims"] == []
    assert json.loads(json.dumps(obj)) == obj
