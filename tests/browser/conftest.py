"""Real-browser tests: Debian's Chromium driven by Playwright, against Voilà and JupyterLab.

Fixtures for every test in ``tests/browser``:

``voila_base``
    The base URL of ONE Voilà server (per test session) whose root is the repository root:
    ``f"{voila_base}/voila/render/notebooks/NAME.ipynb"`` renders a notebook of
    ``notebooks/`` and ``f"{voila_base}/voila/render/tests/browser/notebooks/NAME.ipynb"``
    one of the small notebooks kept for these tests. The kernel runs in the notebook's folder.
``jupyterlab_base``
    The base URL of a JupyterLab 4 server on the repository root (no token, isolated
    settings, autosave off so that a test never writes outputs into a notebook). Open
    ``f"{jupyterlab_base}/lab/workspaces/<unique>/tree/<path>?reset"`` and wait for
    :data:`NOTEBOOK_READY` before running cells, or use ``run_in_jupyterlab``.
``run_in_jupyterlab``
    ``run_in_jupyterlab("tests/browser/notebooks/NAME.ipynb")`` opens a notebook (path from
    the repository root) in ``page``, waits for its kernel and runs all cells; then assert on
    ``page.locator(".jp-OutputArea-output ...")``.
``page``
    pytest-playwright's page; every request that does not go to 127.0.0.1 is aborted
    (there is no CDN in CI: Voilà asks cdn.jsdelivr.net for font-awesome).
``page_errors``
    The list of uncaught JavaScript errors of ``page`` (assert it is empty at the end).

Without ``/usr/bin/chromium`` (``apt-get install chromium``; another binary: set ``CHROMIUM``)
these tests are skipped, except in CI (``CI=true``), where they fail so that a broken set-up
cannot pass unnoticed.
Playwright never downloads a browser here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))  # Debian's package
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SERVER_START_TIMEOUT = 120  # seconds; 2 busy cores in CI

#: JavaScript for ``page.wait_for_function(NOTEBOOK_READY, arg=path)``: true once the
#: notebook ``path`` is JupyterLab's current tab and its kernel is connected and idle.
NOTEBOOK_READY = """(path) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.context || w.context.path !== path) return false;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return w.sessionContext.isReady && !!k && k.status === 'idle' && k.connectionStatus === 'connected';
}"""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright 0.10's base_url fixture; noise, not ours
    config.addinivalue_line(
        "filterwarnings", "ignore:Session-scoped fixtures defined as instance methods"
    )


MISSING = f"{CHROMIUM} is missing (as root: apt-get install chromium)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists() and not in_ci():
                item.add_marker(pytest.mark.skip(reason=MISSING))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():  # in CI: not skipped at collection, so fail here
        pytest.fail(f"real-browser tests cannot run in CI: {MISSING}", pytrace=False)
    # overrides pytest-playwright's fixture; each launch gets a fresh temporary profile
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


def _is_remote(url: str) -> bool:
    return not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))


@pytest.fixture
def context(context):
    """pytest-playwright's browser context, with every non-local request aborted."""
    context.route(_is_remote, lambda route: route.abort())
    return context


@pytest.fixture
def page_errors(page) -> list[str]:
    """Uncaught JavaScript errors raised in ``page`` while the test runs."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(command: list[str], url: str, log_path: Path, env: dict[str, str]) -> Iterator[None]:
    """Start a server, wait until ``url`` answers, stop it afterwards."""
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while True:
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"{command[2]} did not start:\n{log_path.read_text()}"
                        ) from None
                    time.sleep(0.2)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _isolated_env(root: Path) -> dict[str, str]:
    """Jupyter config, runtime, workspace and settings dirs of our own."""
    return {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(root / "config"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
    }


@pytest.fixture(scope="session")
def voila_base(tmp_path_factory) -> Iterator[str]:
    """One Voilà server on the repository root (127.0.0.1); yields its base URL."""
    root = tmp_path_factory.mktemp("voila")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "voila",
        str(REPO_ROOT),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
    ]
    # "/" is the folder listing: it starts no kernel (each notebook page load does)
    with _serve(command, base + "/", root / "voila.log", _isolated_env(root)):
        yield base


@pytest.fixture(scope="session")
def jupyterlab_base(tmp_path_factory) -> Iterator[str]:
    """JupyterLab 4 on the repository root (127.0.0.1, no token); yields its base URL."""
    root = tmp_path_factory.mktemp("lab")
    env = _isolated_env(root)
    # no autosave: a test that runs a notebook must not write its outputs into the repository
    settings = root / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    # no "would you like to receive official Jupyter news?" toast over the notebook
    subprocess.run(
        [sys.executable, "-m", "jupyterlab.labextensions", "disable", "--level=user",
         "@jupyterlab/apputils-extension:announcements"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        f"--ServerApp.root_dir={REPO_ROOT}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--expose-app-in-browser",
    ]
    with _serve(command, base + "/api/status", root / "lab.log", env):
        yield base


@pytest.fixture
def run_in_jupyterlab(page, jupyterlab_base):
    """A function that opens a notebook in JupyterLab and runs all its cells."""

    def run(path: str) -> None:
        # a fresh workspace + ?reset: no tabs restored from an earlier page load
        page.goto(f"{jupyterlab_base}/lab/workspaces/{uuid.uuid4().hex}/tree/{path}?reset")
        page.wait_for_function(NOTEBOOK_READY, arg=path, polling=200, timeout=120_000)
        # fire and forget: page.evaluate has no timeout, so never await the command's promise
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")

    return run
