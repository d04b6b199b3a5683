//! The built-in country table: the participating Members of the Master Trainer Programme.
//!
//! Per diem figures are indicative daily subsistence allowances in US dollars; a problem file
//! that needs exact figures gives its own `countries` table.

use super::problem_v1::CountryV1;

/// Region names used by the built-in table.
pub const REGIONS: [&str; 5] = [
    "East Africa",
    "Southern Africa",
    "West Africa",
    "Pacific Islands",
    "Central Asia and the Caucasus",
];

/// (code, name, region index into [`REGIONS`], per diem, main working language).
pub const MEMBERS: [(&str, &str, usize, u64, &str); 36] = [
    ("BI", "Burundi", 0, 190, "fr"),
    ("KE", "Kenya", 0, 310, "en"),
    ("RW", "Rwanda", 0, 250, "en"),
    ("TZ", "Tanzania", 0, 280, "en"),
    ("UG", "Uganda", 0, 260, "en"),
    ("ET", "Ethiopia", 0, 270, "en"),
    ("BW", "Botswana", 1, 230, "en"),
    ("MW", "Malawi", 1, 210, "en"),
    ("MZ", "Mozambique", 1, 240, "pt"),
    ("ZM", "Zambia", 1, 230, "en"),
    ("ZW", "Zimbabwe", 1, 250, "en"),
    ("ZA", "South Africa", 1, 290, "en"),
    ("MG", "Madagascar", 1, 200, "fr"),
    ("BJ", "Benin", 2, 220, "fr"),
    ("BF", "Burkina Faso", 2, 200, "fr"),
    ("CI", "Côte d'Ivoire", 2, 290, "fr"),
    ("GH", "Ghana", 2, 270, "en"),
    ("NG", "Nigeria", 2, 320, "en"),
    ("TG", "Togo", 2, 210, "fr"),
    ("SN", "Senegal", 2, 280, "fr"),
    ("CM", "Cameroon", 2, 250, "fr"),
    ("FJ", "Fiji", 3, 290, "en"),
    ("PG", "Papua New Guinea", 3, 360, "en"),
    ("WS", "Samoa", 3, 270, "en"),
    ("TL", "Timor-Leste", 3, 230, "pt"),
    ("TO", "Tonga", 3, 260, "en"),
    ("VU", "Vanuatu", 3, 300, "en"),
    ("PW", "Palau", 3, 310, "en"),
    ("AM", "Armenia", 4, 250, "ru"),
    ("AZ", "Azerbaijan", 4, 270, "ru"),
    ("GE", "Georgia", 4, 250, "ru"),
    ("KZ", "Kazakhstan", 4, 280, "ru"),
    ("KG", "Kyrgyzstan", 4, 220, "ru"),
    ("TJ", "Tajikistan", 4, 220, "ru"),
    ("TM", "Turkmenistan", 4, 260, "ru"),
    ("UZ", "Uzbekistan", 4, 240, "ru"),
];

/// The built-in table as file rows.
pub fn builtin() -> Vec<CountryV1> {
    MEMBERS
        .iter()
        .map(|(code, name, region, per_diem, _)| CountryV1 {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            region: REGIONS[*region].to_owned(),
            per_diem: *per_diem,
        })
        .collect()
}
