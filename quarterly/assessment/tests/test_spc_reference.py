"""SPC against NHSRplotthedots' published reference outputs (github.com/nhs-r-community/NHSRplotthedots).

Every expected number below was read from the repository and transcribed here:

- RNORM20 is R's ``set.seed(123); rnorm(20)``, the data of tests/testthat/test-ptd_spc_standard.R
  and test-ptd_spc.R (commit 8aac3239e90ce9ebeb9c3e61f56c207dfc37b225); expected limits are the
  ``pillar::glimpse`` values in tests/testthat/_snaps/ptd_spc_standard.md (commit
  ea2177d4ccfed7dc14d8f57d20f1114d9b235295, 7 significant digits) and the ``summary()`` tibbles
  in tests/testthat/_snaps/ptd_spc.md (commit 174380d653d7a169a76f99deebb9fc21ed5fbbd6, 3
  significant digits).
- VIGNETTE is the example in vignettes/deviations.Rmd (commit
  938abcd81199980da6667f846e747c43b39303cd); the figure captions give the limits to 2 dp and
  the point colours.
- ATTENDANCES / PERFORMANCE are the NHSRdatasets ``ae_attendances`` totals per month
  (``ae_all()`` in tests/testthat/test-integration_tests.R); the expected data frames are the
  ``expect_snapshot_value(style = "serialize")`` blobs in
  tests/testthat/_snaps/integration_tests.md (commit 0c096d813e16e4fe606c37eb70020e74a5dcbbe8),
  decoded from R's XDR serialisation, so inputs and limits are exact doubles. That snapshot
  predates the November 2023 two-sigma change (#194) and uses a 7-point trend, so those cases
  run with ``NHSRPLOTTHEDOTS`` options.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from quarterly.assessment import NHSRPLOTTHEDOTS, SpcOptions, spc_analyse, spc_analyse_batch

RNORM20 = (
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
)  # fmt: skip
RNORM20_Y15_IS_10 = RNORM20[:14] + (10.0,) + RNORM20[15:]
VIGNETTE = (1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)
ATTENDANCES = (
    1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272,
    1735619, 2015834, 1949762, 2066789, 1994056, 2073944, 1924663, 1925961, 2044137, 1976971,
    2003954, 2000086, 1820012, 2049785, 1984369, 2164458, 2093942, 2179896, 1997854, 2005695,
    2079492, 2037847, 2047518, 2113413, 1954947, 2167550,
)  # fmt: skip
PERFORMANCE = (
    0.9003512724457525, 0.9027555860390081, 0.9055994429248081, 0.9028524786030435,
    0.909763097023593, 0.9064786853944554, 0.8905308979446662, 0.8837903610883545,
    0.8617594559611471, 0.851413411900772, 0.8753090395991286, 0.9000949482943537,
    0.9051525263083392, 0.8970035160821932, 0.9072518525056468, 0.9034785895858326,
    0.9029928875860346, 0.8966609396555797, 0.8994186788850258, 0.8876655246839736,
    0.8498503458662225, 0.8529918213516818, 0.8504476893558943, 0.8462121637147311,
    0.8857248828216929, 0.9039011151983545, 0.9076297242234981, 0.8931949047110505,
    0.8972702710007838, 0.8894368286304747, 0.8900933497219513, 0.8760446687116353,
    0.8644632183941728, 0.843525141560121, 0.8422525009629417, 0.8660427671795345,
)  # fmt: skip

C, IM, K = "common_cause", "improvement", "concern"  # NHSR: common_cause, special_cause_*
PERFORMANCE_TYPES = (C,) * 9 + (K, C) + (IM,) * 8 + (C,) + (K,) * 4 + (C,) * 5 + (K,) * 7

NO_SCREEN = replace(NHSRPLOTTHEDOTS, screen_outliers=False)

# (case, values, options, rebase_at, [(centre, lower, upper) per segment], published precision):
# ".7g"/".3g" = significant digits as printed by R, ".2f" = round(x, 2) in the vignette caption,
# None = exact double from the serialised snapshot
LIMIT_CASES = [
    ("glimpse r1", RNORM20, NHSRPLOTTHEDOTS, (), [(0.1416238, -3.01138, 3.294627)], ".7g"),
    ("glimpse r2 screened", RNORM20_Y15_IS_10, NHSRPLOTTHEDOTS, (), [(0.6694159, -2.383666, 3.722497)], ".7g"),
    ("glimpse r3 unscreened", RNORM20_Y15_IS_10, NO_SCREEN, (), [(0.6694159, -4.596625, 5.935457)], ".7g"),
    ("summary s1", RNORM20, NHSRPLOTTHEDOTS, (), [(0.142, -3.01, 3.29)], ".3g"),
    ("summary s3 facet 0", RNORM20[:10], NHSRPLOTTHEDOTS, (), [(0.0746, -2.60, 2.75)], ".3g"),
    ("summary s3 facet 1", RNORM20[10:], NHSRPLOTTHEDOTS, (), [(0.209, -3.28, 3.70)], ".3g"),
    ("vignette default", VIGNETTE, NHSRPLOTTHEDOTS, (), [(1.94, -0.72, 4.6)], ".2f"),
    ("vignette excel", VIGNETTE, NO_SCREEN, (), [(1.94, -3.06, 6.95)], ".2f"),
    ("ae attendances", ATTENDANCES, NHSRPLOTTHEDOTS, (),
     [(2000538.9444444445, 1731844.3644444444, 2269233.5244444446)], None),
    ("ae attendances rebase 2017-04", ATTENDANCES, NHSRPLOTTHEDOTS, (12,),
     [(1946858.4166666667, 1639947.374848485, 2253769.4584848485),
      (2027379.2083333333, 1772921.0639855072, 2281837.3526811595)], None),
    ("ae performance fixed after 12", PERFORMANCE, replace(NHSRPLOTTHEDOTS, fix_after_n_points=12), (),
     [(0.8908915564349236, 0.8614049789074258, 0.9203781339624213)], None),
]  # fmt: skip


def _published(x: float, precision: str) -> float:
    return float(f"{x:{precision}}")


@pytest.mark.parametrize(
    ("case", "values", "options", "rebase_at", "expected", "precision"), LIMIT_CASES
)
def test_limits_match_nhsrplotthedots(case, values, options, rebase_at, expected, precision):
    # when
    result = spc_analyse(values, rebase_at=rebase_at, options=options)
    batch = spc_analyse_batch([values], rebase=list(rebase_at) or None, options=options)
    # then
    starts = [0, *rebase_at]
    for start, (centre, lower, upper) in zip(starts, expected, strict=True):
        got = (result.centre[start], result.lower_limit[start], result.upper_limit[start])
        if precision is None:  # R's mean() accumulates in long double: allow 1e-12
            assert got == pytest.approx((centre, lower, upper), rel=1e-12), case
        else:
            assert tuple(_published(g, precision) for g in got) == (centre, lower, upper), case
        got_batch = (
            batch.centre[0, start],
            batch.lower_limit[0, start],
            batch.upper_limit[0, start],
        )
        assert got_batch == pytest.approx(got, rel=1e-12), case


POINT_TYPE_CASES = [
    # summary() snapshots: common_cause = n for all of these
    ("summary s1", RNORM20, NHSRPLOTTHEDOTS, (), (C,) * 20),
    ("facet 0", RNORM20[:10], NHSRPLOTTHEDOTS, (), (C,) * 10),
    ("facet 1", RNORM20[10:], NHSRPLOTTHEDOTS, (), (C,) * 10),
    # vignette captions: "four grey common cause points followed by a single blue special cause
    # improvement point followed by a further 12 grey common cause points"
    ("vignette default", VIGNETTE, NHSRPLOTTHEDOTS, (), (C,) * 4 + (IM,) + (C,) * 13),
    ("vignette excel", VIGNETTE, NO_SCREEN, (), (C,) * 4 + (IM,) + (C,) * 13),
    ("ae attendances", ATTENDANCES, NHSRPLOTTHEDOTS, (), (C,) * 36),
    ("ae attendances rebase", ATTENDANCES, NHSRPLOTTHEDOTS, (12,), (C,) * 36),
    ("ae performance", PERFORMANCE, replace(NHSRPLOTTHEDOTS, fix_after_n_points=12), (), PERFORMANCE_TYPES),
    # test-ptd_spc_standard.R: two points close to the limits on opposite sides of the mean
    ("2-of-3 opposite sides", (1, -1) * 7 + (5.5, -5.5), NHSRPLOTTHEDOTS, (), (C,) * 16),
]  # fmt: skip


@pytest.mark.parametrize(("case", "values", "options", "rebase_at", "expected"), POINT_TYPE_CASES)
def test_point_types_match_nhsrplotthedots(case, values, options, rebase_at, expected):
    # when
    result = spc_analyse(values, rebase_at=rebase_at, options=options)
    batch = spc_analyse_batch([values], rebase=list(rebase_at) or None, options=options)
    # then
    assert result.point_type == expected, case
    assert tuple(batch.point_type_names()[0]) == expected, case


def test_performance_icons_follow_latest_point():
    # given the A&E 4-hour performance, higher is better, target 95% (the national standard)
    options = replace(NHSRPLOTTHEDOTS, fix_after_n_points=12)
    # when
    result = spc_analyse(PERFORMANCE, target=0.95, options=options)
    # then: geom_ptd_icon.R maps concern + "increase" to concern_low; 0.95 > UPL → fail
    assert result.variation == "concern_low"
    assert result.assurance == "fail"
    assert result.point_type[-7:] == (K,) * 7
    assert result.signal[-7:] == ("shift_below",) * 4 + ("below_lower_limit",) * 2 + (
        "shift_below",
    )
    assert result.sentence.startswith("Special cause concern: 7 points in a row below the average")


def test_november_2023_rule_counts_points_beyond_the_limits():
    # given point 9 is between 2σ and 3σ and point 10 is below the lower limit (issue #194:
    # "both points above would trigger the rule" after the change)
    legacy = replace(NHSRPLOTTHEDOTS, fix_after_n_points=12)
    current = replace(legacy, two_in_three="mdc_2023")
    # when
    before = spc_analyse(PERFORMANCE, options=legacy)
    after = spc_analyse(PERFORMANCE, options=current)
    # then only that point changes, from common cause to concern
    changed = [
        i
        for i, (a, b) in enumerate(zip(before.point_type, after.point_type, strict=True))
        if a != b
    ]
    assert changed == [8]
    assert after.signal[8] == "two_in_three_below"


def test_default_six_point_trend_adds_the_2016_decline():
    # given the default options (6-point trend, MDC Excel option; NHSRplotthedots uses 7)
    options = SpcOptions(fix_after_n_points=12)
    # when
    result = spc_analyse(PERFORMANCE, options=options)
    # then Aug 2016 to Jan 2017 (points 4-9) fall five times in a row: a decreasing trend,
    # except January, which is below the lower limit (that rule takes precedence)
    assert np.all(np.diff(PERFORMANCE[4:10]) < 0)
    assert result.signal[4:10] == ("trend_decreasing",) * 5 + ("below_lower_limit",)
    assert result.point_type[4:10] == (K,) * 6
