"""The 766 arithmetic on plain numbers (DOMAIN.md §8): full points from the threshold, else
ratio × max ÷ threshold, two decimals half up; the total out of 100 over what applies."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from motcua.scorecard import scoring

D = Decimal


def test_no_denominator_is_not_applicable():
    assert scoring.ratio(0, 0) is None
    assert scoring.ratio(3, 4) == Fraction(3, 4)


def test_at_or_above_the_threshold_gives_full_points():
    assert scoring.points(Fraction(9, 10), threshold=D("90"), max_points=D("6")) == D("6.00")
    assert scoring.points(Fraction(1), threshold=D("80"), max_points=D("2")) == D("2.00")


def test_below_the_threshold_is_ratio_times_max_over_threshold():
    # 1/3 of 12 points against 50 %: (1/3) × 12 ÷ 0.5 = 8
    assert scoring.points(Fraction(1, 3), threshold=D("50"), max_points=D("12")) == D("8.00")
    # 2/9 of 2 points against 80 %: 0.2222… × 2 ÷ 0.8 = 0.5555… → 0.56
    assert scoring.points(Fraction(2, 9), threshold=D("80"), max_points=D("2")) == D("0.56")


def test_rounding_is_half_up_on_the_exact_value():
    # 0.125 × 1 ÷ 1 = 0.125 exactly: half up gives 0.13 (bankers' rounding would give 0.12).
    assert scoring.points(Fraction(1, 8), threshold=D("100"), max_points=D("1")) == D("0.13")
    assert scoring.percent(Fraction(1, 3)) == D("33.33")
    assert scoring.percent(Fraction(2, 3)) == D("66.67")


def test_a_composite_ratio_below_zero_gives_zero():
    assert scoring.points(Fraction(-1, 5), threshold=D("90"), max_points=D("6")) == D("0.00")


def test_the_total_counts_only_what_applies_and_is_scaled_to_100():
    total = scoring.total([(D("3"), D("6")), (None, D("4")), (D("2"), D("2"))])
    assert total.points == D("5.00") and total.max_points == D("8.00")
    assert total.out_of_100 == D("62.50")  # 5 ÷ 8 × 100
    assert scoring.total([(None, D("6"))]).out_of_100 is None


ratios = st.fractions(min_value=0, max_value=1, max_denominator=10_000)
thresholds = st.decimals(min_value=D("0.01"), max_value=D("100"), places=2)
maxima = st.decimals(min_value=D("0"), max_value=D("30"), places=2)


@given(ratios, thresholds, maxima)
def test_points_stay_between_zero_and_the_maximum(value, threshold, top):
    got = scoring.points(value, threshold=threshold, max_points=top)
    assert D("0") <= got <= top


@given(ratios, ratios, thresholds, maxima)
def test_points_never_fall_when_the_ratio_rises(a, b, threshold, top):
    low, high = sorted((a, b))
    assert scoring.points(low, threshold=threshold, max_points=top) <= scoring.points(
        high, threshold=threshold, max_points=top
    )


@given(ratios, thresholds, maxima)
def test_reaching_the_threshold_means_full_points(value, threshold, top):
    if value * 100 >= Fraction(threshold):
        assert scoring.points(value, threshold=threshold, max_points=top) == top
