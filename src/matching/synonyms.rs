//! Synonym groups of news reporting, so that "sent 3,000 soldiers" and
//! "deployed 3,000 troops" share their terms. Each group maps the stems of
//! its words to the stem of its first word; the table is small, curated and
//! domain-general (conflict, politics, casualties, reporting verbs).

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Word groups; the first word of each is the canonical one.
const GROUPS: &[&[&str]] = &[
    &[
        "troops",
        "soldiers",
        "servicemen",
        "fighters",
        "personnel",
        "forces",
        "units",
    ],
    &[
        "deploy",
        "deployment",
        "send",
        "sent",
        "dispatch",
        "dispatched",
    ],
    &[
        "confirm",
        "confirmation",
        "acknowledge",
        "acknowledgment",
        "acknowledgement",
        "admit",
        "admission",
    ],
    &[
        "killed", "dead", "died", "dying", "death", "deaths", "fallen", "slain",
    ],
    &[
        "liberate",
        "liberation",
        "liberating",
        "retake",
        "retaking",
        "regain",
        "reclaim",
        "recapture",
    ],
    &["treaty", "pact", "accord"],
    &["hero", "heroes", "heroism", "heroic"],
    &["casualties", "losses"],
    &["assistance", "aid", "help", "helped", "support"],
    &["war", "conflict"],
    &["frontlines", "frontline", "front"],
    &["videoconference", "video"],
    &["ukraine", "ukrainian", "ukrainians"],
    &["russia", "russian", "russians"],
    &["korea", "korean", "koreans"],
    &["america", "american", "americans"],
    &["erect", "build", "built"],
    &["praise", "praised", "hailed", "hail", "lauded"],
    &[
        "deny",
        "denied",
        "dispute",
        "disputes",
        "challenged",
        "rejected",
    ],
    &["capture", "captured", "seized"],
    &["shells", "munitions", "ammunition", "weapons", "arms"],
    &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ],
];

fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut map = HashMap::new();
        for group in GROUPS {
            let canonical = stemmer.stem(group[0]).into_owned();
            for w in group.iter() {
                map.insert(stemmer.stem(w).into_owned(), canonical.clone());
            }
        }
        map
    })
}

/// The canonical stem for `stem` (itself when it is in no group).
pub fn canonical(stem: &str) -> &str {
    table().get(stem).map_or(stem, String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_map_to_their_first_word() {
        let s = Stemmer::create(Algorithm::English);
        let c = |w: &str| canonical(&s.stem(w)).to_string();
        assert_eq!(c("soldiers"), c("troops"));
        assert_eq!(c("sent"), c("deployed"));
        assert_eq!(c("acknowledged"), c("confirmed"));
        assert_eq!(c("Ukrainian".to_lowercase().as_str()), c("ukraine"));
        assert_eq!(c("pact"), c("treaty"));
        assert_ne!(c("treaty"), c("troops"));
        assert_eq!(c("unrelated"), s.stem("unrelated"));
    }
}
