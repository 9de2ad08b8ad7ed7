"""Render the pictures to look at after a change to orgmodel.plot (not a test).

    .venv/bin/python tests/plot/render_examples.py OUTPUT_DIR [DPI]

Writes org charts of synthetic organisations with about 5, 60 and 500 units, the 500-unit
one cut to two levels, a post chart, a collaboration network and the bundled examples.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from orgmodel.datasets.examples import example_names, load_example
from orgmodel.datasets.synthetic import synthetic_organisation
from orgmodel.plot import (
    draw_collaboration,
    draw_orgchart,
    draw_post_chart,
    save_figure,
)

# posts -> units of the synthetic generator (seed 1): 35 -> 5, 420 -> 60, 3500 -> 500
SIZES = {"5": 35, "60": 420, "500": 3500}


def main(out: Path, dpi: int = 100) -> None:
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    orgs = {k: synthetic_organisation(n, seed=1) for k, n in SIZES.items()}
    jobs = {
        "orgchart-5": lambda: draw_orgchart(orgs["5"], title="5 units", fte="both"),
        "orgchart-60": lambda: draw_orgchart(orgs["60"], title="60 units"),
        "orgchart-500": lambda: draw_orgchart(orgs["500"], title="500 units"),
        "orgchart-500-two-levels": lambda: draw_orgchart(
            orgs["500"], max_depth=2, title="500 units, two levels", fte="both"
        ),
        "posts-60": lambda: draw_post_chart(orgs["60"], orgs["60"].roots()[0]),
        "network-60": lambda: draw_collaboration(orgs["60"], title="Collaboration, 60 units"),
    }
    for name in example_names():
        org = load_example(name)
        jobs[f"example-{name}"] = lambda org=org: draw_orgchart(org, title=org.name)
    for name, draw in jobs.items():
        start = time.perf_counter()
        ax = draw()
        path = save_figure(ax, out / f"{name}.png", dpi=dpi)
        size = ax.figure.get_size_inches()
        print(
            f"{name:40s} {size[0]:5.1f} x {size[1]:5.1f} in "
            f"{time.perf_counter() - start:6.2f} s  {path.stat().st_size / 1000:7.0f} kB"
        )
        plt.close(ax.figure)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100)
