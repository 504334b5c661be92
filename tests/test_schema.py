"""Every model accepts the real rows and rejects each kind of bad value with a clear reason."""

from __future__ import annotations

import csv

import pytest
from pydantic import ValidationError

from briefing.dates import PartialDate, parse_day
from briefing.schema import TABLES
from tests.conftest import DATA


def real_rows(name):
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.name)
def test_model_accepts_every_real_row(spec):
    rows = real_rows(spec.name)
    assert rows
    for row in rows:
        spec.model.model_validate(row)


def first_error(spec_name, **changes):
    spec = next(s for s in TABLES if s.name == spec_name)
    row = dict(real_rows(spec_name)[0], **changes)
    with pytest.raises(ValidationError) as info:
        spec.model.model_validate(row)
    error = info.value.errors()[0]
    return str(error["loc"][0]), error["msg"]


@pytest.mark.parametrize(
    ("table", "change", "column"),
    [
        ("sources", {"id": "Has Spaces"}, "id"),
        ("sources", {"kind": "blog post"}, "kind"),
        ("sources", {"published": "March 2001"}, "published"),
        ("sources", {"url": "javascript:alert(1)"}, "url"),
        ("treaties", {"signed": "2001-02-30"}, "signed"),
        ("treaties", {"articles": "-3"}, "articles"),
        ("treaties", {"articles": "twenty"}, "articles"),
        ("treaties", {"mutual_defence": "maybe"}, "mutual_defence"),
        ("treaties", {"source_ids": ""}, "source_ids"),
        ("provisions", {"obligation": "eternal friendship"}, "obligation"),
        ("provisions", {"theme": "weather"}, "theme"),
        ("provisions", {"summary": "   "}, "summary"),
        ("systems", {"confidence": "sure"}, "confidence"),
        ("systems", {"status_as_of": "soon"}, "status_as_of"),
        ("exchange", {"value_score": "6"}, "value_score"),
        ("exchange", {"direction": "Iran gives"}, "direction"),
        ("events", {"date": "2024-13"}, "date"),
        ("claims", {"assessment": "probably"}, "assessment"),
        ("judgements", {"rank": "0"}, "rank"),
        ("statuses", {"date": ""}, "date"),
    ],
)
def test_model_rejects_bad_values(table, change, column):
    where, message = first_error(table, **change)
    assert where == column
    assert message


def test_unknown_column_is_rejected():
    spec = next(s for s in TABLES if s.name == "events")
    row = dict(real_rows("events")[0], colour="red")
    with pytest.raises(ValidationError):
        spec.model.model_validate(row)


def test_partial_dates_keep_their_precision():
    month = PartialDate.parse("2022-08")
    assert month.precision == "month" and month.human() == "August 2022"
    assert str(month.start) == "2022-08-01" and str(month.end) == "2022-08-31"
    assert month.happened_by(parse_day("2022-08-15")) is None
    assert month.happened_by(parse_day("2022-09-01")) is True
    assert month.happened_by(parse_day("2022-07-31")) is False
    with pytest.raises(ValueError, match="not a full day"):
        parse_day("2022-08")
