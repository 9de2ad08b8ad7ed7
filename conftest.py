"""Repository-wide pytest settings.

``--doctest-modules`` (pyproject) would also collect every ``conftest.py`` as a doctest
module under the one name ``conftest``, and two of them named on one command line then clash.
They hold no doctests, so they are not collected; pytest still loads them for their fixtures.
"""


def pytest_ignore_collect(collection_path, config):
    if collection_path.name == "conftest.py" and collection_path.parent.name != "orgmodel":
        return True
    return None
