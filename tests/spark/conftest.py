"""One local[2] SparkSession for the whole test session (a JVM start is seconds)."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Java 17 is not installed (.ci/run installs it)")
    from communique.spark.job import session

    s = session("local[2]", app="communique-tests",
                conf={"spark.ui.showConsoleProgress": "false"})
    yield s
    s.stop()
