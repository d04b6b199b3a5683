//! The programme's words: its expertise areas and working languages, by code, with the names
//! planners read. One table each, used by generated titles, explanations, reports and
//! workbook drop-down lists.

/// One expertise area of the programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AreaWords {
    /// Short code used in problem files (`hs`).
    pub code: &'static str,
    /// Name inside a sentence ("needs trainers in HS classification").
    pub in_sentence: &'static str,
    /// Name as a heading or legend entry.
    pub heading: &'static str,
}

/// The expertise areas of the programme (see the domain notes).
pub const AREAS: [AreaWords; 7] = [
    words("hs", "HS classification", "HS classification"),
    words("valuation", "customs valuation", "Customs valuation"),
    words("pca", "post-clearance audit", "Post-clearance audit"),
    words("risk", "risk management", "Risk management"),
    words("roo", "rules of origin", "Rules of origin"),
    words("geoint", "geospatial intelligence", "Geospatial intelligence"),
    words("trs", "the Time Release Study", "Time Release Study"),
];

const fn words(code: &'static str, in_sentence: &'static str, heading: &'static str) -> AreaWords {
    AreaWords {
        code,
        in_sentence,
        heading,
    }
}

/// The words of area `code`, when it is one of the programme's.
pub fn area(code: &str) -> Option<&'static AreaWords> {
    AREAS.iter().find(|a| a.code == code)
}

/// Working languages of the programme (ISO 639-1).
pub const PROGRAMME_LANGUAGES: [&str; 4] = ["en", "fr", "pt", "ru"];

/// Names of the languages a problem may use, by ISO 639-1 code.
const LANGUAGE_NAMES: [(&str, &str); 8] = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("ar", "Arabic"),
    ("ru", "Russian"),
    ("zh", "Chinese"),
    ("sw", "Swahili"),
];

/// The English name of language `code`, when known.
pub fn language(code: &str) -> Option<&'static str> {
    LANGUAGE_NAMES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_and_language_has_its_words() {
        assert_eq!(area("pca").map(|a| a.in_sentence), Some("post-clearance audit"));
        assert_eq!(area("xx"), None);
        assert!(PROGRAMME_LANGUAGES.iter().all(|l| language(l).is_some()));
        assert_eq!(language("pt"), Some("Portuguese"));
    }
}
