"""Ready-made organisations: the bundled examples from real public documents.

>>> load_example("jonkoping-kommunal-utveckling").unit("pks").kind
'political_body'
"""

from orgmodel.datasets.examples import example_names, example_path, examples_dir, load_example

__all__ = ["example_names", "example_path", "examples_dir", "load_example"]
