"""Assessment methods for Quarterly: pure functions, exact, cited (DESIGN.md "Assessment methods").

No Django and nothing from other Quarterly apps: plain numbers in, frozen dataclasses out.

- ``rag``: RAG against a value target and tolerance, interim direction targets, direction of
  travel (METHODS.md §4.2, §4.4).
- ``spc`` / ``spc_batch``: NHS England Making Data Count SPC, as NHSRplotthedots implements it
  (https://github.com/nhs-r-community/NHSRplotthedots; METHODS.md §4.1); ``spc_options``,
  ``spc_rules`` and ``spc_icons`` hold its vocabulary and options, its rules and its icons;
  ``spc_recalculation`` suggests where limits should be recalculated after a sustained shift.
- ``intervals`` / ``benchmark``: Wilson, Byar's and exact Poisson intervals; significance
  against a benchmark, rank and quantiles as OHID Fingertips does it
  (https://github.com/ukhsa-collaboration/fingertips-open,
  https://github.com/ukhsa-collaboration/PHEindicatormethods; METHODS.md §4.2).
- ``ranking`` / ``comparisons``: rank within a group (ties shared, with n), Fingertips'
  percentiles and quartiles, group median and range, and significance against England and the
  group, for many indicators × areas at once (METHODS.md §4.2).
- ``forecast``: year-end forecast with a prediction interval (https://otexts.com/fpp3/).
- ``wording`` / ``polarity``: shared sentence formatting and polarity words.
"""

from quarterly.assessment.benchmark import (
    HIGHER,
    LOWER,
    NOT_COMPARED,
    SIMILAR,
    BenchmarkResult,
    Comparison,
    compare_one,
    compare_proportion_spc,
    compare_rate_spc,
    compare_with_benchmark,
    control_limits_proportion,
    control_limits_rate,
    percentile_inc,
    quantile_categories,
    rank_within_groups,
)
from quarterly.assessment.comparisons import AreaComparisons, compare_areas, comparison_words
from quarterly.assessment.forecast import YearEndForecast, forecast_year_end
from quarterly.assessment.intervals import (
    Interval,
    Intervals,
    byars_ci,
    count_limits,
    proportion_intervals,
    rate_intervals,
    wilson_ci,
    z_value,
)
from quarterly.assessment.polarity import Polarity, polarity_sign
from quarterly.assessment.rag import (
    DirectionOfTravel,
    DirectionTarget,
    RagResult,
    ValueTarget,
    direction_of_travel,
    rag_rate,
)
from quarterly.assessment.ranking import GroupRanks, rank_groups
from quarterly.assessment.spc import SpcResult, spc_analyse
from quarterly.assessment.spc_batch import SpcBatchResult, spc_analyse_batch
from quarterly.assessment.spc_options import (
    ASSURANCE_ICONS,
    DEFAULT_OPTIONS,
    MDC_EXCEL,
    NHSRPLOTTHEDOTS,
    PERCENTAGE_BOUNDS,
    POINT_TYPES,
    PROPORTION_BOUNDS,
    SIGNALS,
    VARIATION_ICONS,
    Bounds,
    SpcOptions,
)
from quarterly.assessment.spc_recalculation import (
    MIN_POINTS_AFTER,
    RecalculationSuggestion,
    suggest_recalculations,
)
from quarterly.assessment.wording import PERCENTAGE, ValueFormat

__all__ = [
    "ASSURANCE_ICONS",
    "DEFAULT_OPTIONS",
    "HIGHER",
    "LOWER",
    "MDC_EXCEL",
    "MIN_POINTS_AFTER",
    "NHSRPLOTTHEDOTS",
    "NOT_COMPARED",
    "PERCENTAGE",
    "PERCENTAGE_BOUNDS",
    "POINT_TYPES",
    "PROPORTION_BOUNDS",
    "SIGNALS",
    "SIMILAR",
    "VARIATION_ICONS",
    "AreaComparisons",
    "BenchmarkResult",
    "Bounds",
    "Comparison",
    "DirectionOfTravel",
    "DirectionTarget",
    "GroupRanks",
    "Interval",
    "Intervals",
    "Polarity",
    "RagResult",
    "RecalculationSuggestion",
    "SpcBatchResult",
    "SpcOptions",
    "SpcResult",
    "ValueFormat",
    "ValueTarget",
    "YearEndForecast",
    "byars_ci",
    "compare_areas",
    "compare_one",
    "compare_proportion_spc",
    "compare_rate_spc",
    "compare_with_benchmark",
    "comparison_words",
    "control_limits_proportion",
    "control_limits_rate",
    "count_limits",
    "direction_of_travel",
    "forecast_year_end",
    "percentile_inc",
    "polarity_sign",
    "proportion_intervals",
    "quantile_categories",
    "rag_rate",
    "rank_groups",
    "rank_within_groups",
    "rate_intervals",
    "spc_analyse",
    "spc_analyse_batch",
    "suggest_recalculations",
    "wilson_ci",
    "z_value",
]
