//! Plausible trainer names by working language, for generated problems.

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

const GIVEN_EN: [&str; 16] = [
    "Grace", "John", "Amina", "Peter", "Faith", "Samuel", "Esther", "David", "Mercy", "Joseph", "Ruth",
    "Daniel", "Naomi", "Moses", "Lydia", "Isaac",
];
const FAMILY_EN: [&str; 16] = [
    "Otieno", "Banda", "Mensah", "Mwangi", "Phiri", "Okafor", "Nkosi", "Tuilagi", "Kamau", "Moyo", "Asante",
    "Waqa", "Mutasa", "Adeyemi", "Sione", "Tembo",
];
const GIVEN_FR: [&str; 10] = [
    "Aïcha", "Jean", "Fatou", "Moussa", "Mariam", "Koffi", "Awa", "Ibrahim", "Clarisse", "Yao",
];
const FAMILY_FR: [&str; 10] = [
    "Diallo",
    "Kouassi",
    "Traoré",
    "Ndayishimiye",
    "Rakoto",
    "Sawadogo",
    "Mbarga",
    "Agbodjan",
    "Sow",
    "Houngbo",
];
const GIVEN_PT: [&str; 6] = ["Ana", "João", "Celeste", "Armando", "Lúcia", "Tomás"];
const FAMILY_PT: [&str; 6] = ["Macuácua", "da Costa", "Sitoe", "Ximenes", "Guterres", "Mondlane"];
const GIVEN_RU: [&str; 8] = [
    "Aigerim", "Nurlan", "Ani", "Rustam", "Dilnoza", "Giorgi", "Elnur", "Madina",
];
const FAMILY_RU: [&str; 8] = [
    "Sadykova",
    "Abenov",
    "Hakobyan",
    "Karimov",
    "Yusupova",
    "Beridze",
    "Aliyev",
    "Toktogulova",
];

/// A name for a trainer working mainly in `lang`.
pub fn name(rng: &mut ChaCha8Rng, lang: &str) -> String {
    let (given, family): (&[&str], &[&str]) = match lang {
        "fr" => (&GIVEN_FR, &FAMILY_FR),
        "pt" => (&GIVEN_PT, &FAMILY_PT),
        "ru" => (&GIVEN_RU, &FAMILY_RU),
        _ => (&GIVEN_EN, &FAMILY_EN),
    };
    format!(
        "{} {}",
        given.choose(rng).unwrap_or(&"Alex"),
        family.choose(rng).unwrap_or(&"Doe")
    )
}
