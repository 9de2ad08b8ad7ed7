"""A widget's own language wins over the session language, down to the numbers it formats."""

from orgmodel.i18n import language
from orgmodel.widgets.simulator import figure_text


def test_english_figures_in_a_swedish_session():
    # before the fix, an English widget in a Swedish session formatted its shares the Swedish way
    with language("sv"):
        english = figure_text("ties_inside_share", 0.625, lang="en")
        swedish = figure_text("ties_inside_share", 0.625, lang="sv")
    assert english == "62 %"  # the English key-figure form
    assert swedish == "62\u00a0%"  # CLDR sv: no-break space before %
    with language("en"):
        assert figure_text("fte_actual", 8.25, lang="sv") == "8,2"
