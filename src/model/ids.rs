//! Identifier newtypes, so that a trainer id can never be passed where a request id is meant.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the problem file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// A Master Trainer's id, unique in a problem (e.g. `KE-031`).
    TrainerId
);
id_type!(
    /// A training request's id, unique in a problem (e.g. `R-0112`).
    RequestId
);
id_type!(
    /// An ISO 3166 alpha-2 country code (e.g. `KE`).
    CountryCode
);
id_type!(
    /// An expertise area code (e.g. `roo` for rules of origin).
    Area
);
id_type!(
    /// An ISO 639-1 language code (e.g. `fr`).
    Language
);
id_type!(
    /// A region name, as defined by the problem's country table (e.g. `West Africa`).
    Region
);
