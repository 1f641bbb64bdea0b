//! Stage 4: gradual semantics for quantitative bipolar argumentation graphs.

/// The named gradual semantics (the CLI values are their [`name`](SemanticsKind::name)s).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SemanticsKind {
    /// Sum aggregation, 2-Max(1) influence (Potyka, KR 2018). The default.
    #[default]
    QuadraticEnergy,
    /// Product aggregation, linear influence (Rago et al., KR 2016).
    DfQuad,
    /// Product aggregation, 1-Max(1) influence.
    SdDfQuad,
    /// Sum aggregation, Euler-based influence (Amgoud & Ben-Naim 2018).
    EulerBased,
    /// Top aggregation, Euler-based influence.
    EulerBasedTop,
    /// Sum aggregation, logistic influence (Potyka, AAAI 2021).
    MlpBased,
    /// Attack-only weighted h-categorizer (Amgoud et al., IJCAI 2017).
    WeightedHCategorizer,
    /// Attack-only weighted max-based.
    WeightedMaxBased,
    /// Attack-only weighted card-based.
    WeightedCardBased,
}

impl SemanticsKind {
    /// Every semantics, in documentation order.
    pub const ALL: [SemanticsKind; 9] = [
        SemanticsKind::QuadraticEnergy,
        SemanticsKind::DfQuad,
        SemanticsKind::SdDfQuad,
        SemanticsKind::EulerBased,
        SemanticsKind::EulerBasedTop,
        SemanticsKind::MlpBased,
        SemanticsKind::WeightedHCategorizer,
        SemanticsKind::WeightedMaxBased,
        SemanticsKind::WeightedCardBased,
    ];

    /// The name used in files, flags and reports, e.g. `quadratic-energy`.
    pub fn name(self) -> &'static str {
        match self {
            SemanticsKind::QuadraticEnergy => "quadratic-energy",
            SemanticsKind::DfQuad => "df-quad",
            SemanticsKind::SdDfQuad => "sd-df-quad",
            SemanticsKind::EulerBased => "euler-based",
            SemanticsKind::EulerBasedTop => "euler-based-top",
            SemanticsKind::MlpBased => "mlp-based",
            SemanticsKind::WeightedHCategorizer => "weighted-h-categorizer",
            SemanticsKind::WeightedMaxBased => "weighted-max-based",
            SemanticsKind::WeightedCardBased => "weighted-card-based",
        }
    }

    /// The semantics with this name.
    pub fn from_name(name: &str) -> Option<SemanticsKind> {
        SemanticsKind::ALL.into_iter().find(|k| k.name() == name)
    }
}
