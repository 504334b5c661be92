"""Sources & method's library: the whole data set in one download."""

from __future__ import annotations

import io
import zipfile

from briefing import method
from briefing.schema import TABLES
from tests.conftest import DATA


def test_the_data_package_zip_holds_every_table_as_it_is():
    archive = zipfile.ZipFile(io.BytesIO(method.data_package_zip(DATA)))
    names = {name.rsplit("/", 1)[-1] for name in archive.namelist()}
    assert names == {"datapackage.json", *(spec.filename for spec in TABLES)}
    for name in archive.namelist():
        assert archive.read(name) == (DATA / name.rsplit("/", 1)[-1]).read_bytes()
