import Foundation

/// An exact decimal from its text; NaN (which equals nothing) if the text is not a number,
/// so a typo fails the test that uses it.
func decimal(_ text: String) -> Decimal {
    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
}
