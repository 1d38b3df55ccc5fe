"""``bench spark``'s process handling: a run on N local cores gets N CPUs."""

from __future__ import annotations

import os

import pytest

from communique.spark.bench import _cores, _in_child, _usable_cpus


def test_cores_of_a_master():
    assert _cores("local[1]") == 1
    assert _cores("local[16]") == 16
    assert _cores("local[*]") is None
    assert _cores("spark://head:7077") is None


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs CPU affinity and at least 2 CPUs")
def test_a_one_core_run_is_confined_to_one_cpu():
    assert _in_child(_usable_cpus, cpus=1)["cpus"] == 1
    every = len(os.sched_getaffinity(0))
    assert _in_child(_usable_cpus, cpus=every)["cpus"] == every  # all there are
    assert _in_child(_usable_cpus)["cpus"] == every
