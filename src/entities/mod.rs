//! Entity extraction: tokens and sentences in, typed entities with their mentions out.
//!
//! An entity is one thing the article talks about (a person, an office, a country, a place,
//! an organization) with every span that mentions it, already linked: "Motegi" is a mention
//! of "Toshimitsu Motegi", "Japanese" a demonym mention of Japan.

mod coref;
mod mentions;
pub(crate) use mentions::is_division_word;
mod romanised;
pub mod tagger;

use std::borrow::Cow;
use std::ops::Range;

use crate::lexicon::{KnownWords, Lexicon};
use crate::sentences::Sentence;
use crate::tokenize::Token;

/// The entity types of the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Office,
    Country,
    Place,
    Organization,
}

impl EntityType {
    /// The name the output contract uses.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Office => "office",
            EntityType::Country => "country",
            EntityType::Place => "place",
            EntityType::Organization => "organization",
        }
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MentionForm {
    #[default]
    Name,
    Alias,
    Abbreviation,
    Demonym,
    Metonym,
}

impl MentionForm {
    /// The name the output contract uses; `None` for the default form, which is not printed.
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            MentionForm::Name => None,
            MentionForm::Alias => Some("alias"),
            MentionForm::Abbreviation => Some("abbreviation"),
            MentionForm::Demonym => Some("demonym"),
            MentionForm::Metonym => Some("metonym"),
        }
    }
}

/// One span of text that refers to an entity. Offsets are bytes into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The tokens the mention covers (a mention inside a hyphenated token covers that token).
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub form: MentionForm,
}

/// One thing the article talks about, with all its mentions in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity<'t> {
    pub kind: EntityType,
    /// The canonical name: the fullest form in the article, or the lexicon's name. Borrowed
    /// from the text or the lexicon when it is written there as it is, as nearly all are:
    /// an entity then costs no copy of its name.
    pub name: Cow<'t, str>,
    /// ISO 3166-1 alpha-2 code, for countries.
    pub iso: Option<&'static str>,
    /// For places: city, region, sea, island, ...
    pub place_kind: Option<&'static str>,
    pub mentions: Vec<Mention>,
}

/// Takes the entities of a document done with: what they are made in is kept for the next
/// document's entities, on this thread.
pub fn recycle(entities: &mut Vec<Entity<'_>>) {
    coref::recycle(entities);
}

/// Finds the entities of one document: the tagger and the lexicon propose typed mentions,
/// coreference groups them into entities ordered by first mention.
pub fn extract<'t>(
    text: &'t str,
    tokens: &[Token],
    sentences: &[Sentence],
    lexicon: &Lexicon,
) -> Vec<Entity<'t>> {
    if tokens.is_empty() {
        return Vec::new();
    }
    tagger::Tagger::builtin().tag_then(text, tokens, sentences, |tagged, known| {
        extract_known(text, tokens, sentences, lexicon, tagged, known)
    })
}

/// [`extract`] from the tagger's spans already made: the lexicon's and the rules' part of
/// entity extraction, which the throughput benchmark times apart from the tagger.
pub fn extract_tagged<'t>(
    text: &'t str,
    tokens: &[Token],
    sentences: &[Sentence],
    lexicon: &Lexicon,
    tagged: &[tagger::Tagged],
) -> Vec<Entity<'t>> {
    if tokens.is_empty() {
        return Vec::new();
    }
    extract_known(
        text,
        tokens,
        sentences,
        lexicon,
        tagged,
        KnownWords::default(),
    )
}

/// [`extract_tagged`], with the words of `tokens` the tagger has read (see
/// [`tagger::Tagger::tag_then`]).
fn extract_known<'t>(
    text: &'t str,
    tokens: &[Token],
    sentences: &[Sentence],
    lexicon: &Lexicon,
    tagged: &[tagger::Tagged],
    known: KnownWords<'_>,
) -> Vec<Entity<'t>> {
    let found = mentions::find(text, tokens, lexicon, tagged, known);
    let entities = coref::link(
        text,
        tokens,
        &found,
        lexicon,
        &coref::SentenceOf::new(sentences),
    );
    mentions::recycle(found);
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    /// (type, name, mention texts) of every entity, in order.
    fn entities(text: &str) -> Vec<(EntityType, String, Vec<&str>)> {
        Analyzer::new()
            .analyze(text)
            .entities
            .iter()
            .map(|e| {
                (
                    e.kind,
                    e.name.to_string(),
                    e.mentions.iter().map(|m| &text[m.start..m.end]).collect(),
                )
            })
            .collect()
    }

    fn has(text: &str, kind: EntityType, name: &str, mentions: &[&str]) {
        let got = entities(text);
        assert!(
            got.iter()
                .any(|(k, n, m)| *k == kind && n == name && m == mentions),
            "{text:?}: no {kind:?} {name:?} with mentions {mentions:?} in {got:#?}"
        );
    }

    fn has_none(text: &str, kind: EntityType) {
        let got = entities(text);
        assert!(
            !got.iter().any(|(k, _, _)| *k == kind),
            "{text:?}: a {kind:?} in {got:#?}"
        );
    }

    #[test]
    fn title_splits_into_country_office_and_person() {
        let text = "U.S. Secretary of State Marco Rubio arrived. Later, Rubio left.";
        has(text, EntityType::Country, "United States", &["U.S."]);
        has(
            text,
            EntityType::Office,
            "Secretary of State",
            &["Secretary of State"],
        );
        has(
            text,
            EntityType::Person,
            "Marco Rubio",
            &["Marco Rubio", "Rubio"],
        );
    }

    #[test]
    fn a_sentence_opening_article_is_not_part_of_a_department() {
        let text = "The Department of Public Works and Highways said roads had collapsed.";
        has(
            text,
            EntityType::Organization,
            "Department of Public Works and Highways",
            &["Department of Public Works and Highways"],
        );
    }

    #[test]
    fn an_office_of_a_department_keeps_its_head_word() {
        let text = "Office of Civil Defense spokesperson Diego Mariano said aftershocks hampered rescue efforts.";
        has(
            text,
            EntityType::Organization,
            "Office of Civil Defense",
            &["Office of Civil Defense"],
        );
    }

    #[test]
    fn one_word_between_the_and_institute_names_the_institute() {
        let text = "Economists at the Ifo institute in Munich expect growth.";
        has(text, EntityType::Organization, "Ifo", &["Ifo"]);
        has(text, EntityType::Place, "Munich", &["Munich"]);
    }

    #[test]
    fn a_dateline_in_capitals_keeps_its_abbreviated_place() {
        let text = "ST. LOUIS, Nov. 13 (AP) - Boeing workers voted on Thursday.";
        has(text, EntityType::Place, "Saint Louis", &["ST. LOUIS"]);
    }

    #[test]
    fn a_place_after_an_office_is_not_part_of_the_name_after_it() {
        let text = "Chinese Ambassador to Japan Wu Jianghao said the remarks were wrong.";
        has(text, EntityType::Country, "Japan", &["Japan"]);
        has(text, EntityType::Person, "Wu Jianghao", &["Wu Jianghao"]);
        let text = "Chinese Consul General in Osaka Xue Jian deleted the post.";
        has(text, EntityType::Place, "Osaka", &["Osaka"]);
        has(text, EntityType::Person, "Xue Jian", &["Xue Jian"]);
        let text = "U.S. Ambassador to the Netherlands Peter Hoekstra spoke on Friday.";
        has(text, EntityType::Country, "Netherlands", &["Netherlands"]);
        has(
            text,
            EntityType::Person,
            "Peter Hoekstra",
            &["Peter Hoekstra"],
        );
    }

    #[test]
    fn demonym_and_lowercase_office() {
        let text =
            "Japanese Foreign Minister Taro Kono spoke. Japan's new prime minister was silent.";
        has(text, EntityType::Country, "Japan", &["Japanese", "Japan"]);
        has(
            text,
            EntityType::Office,
            "Foreign Minister",
            &["Foreign Minister"],
        );
        has(
            text,
            EntityType::Office,
            "Prime Minister",
            &["prime minister"],
        );
        has(text, EntityType::Person, "Taro Kono", &["Taro Kono"]);
    }

    #[test]
    fn country_modifier_joins_the_organization() {
        let text =
            "The Kenyan Interior Ministry said on Monday that the Interior Ministry would reply.";
        has(
            text,
            EntityType::Organization,
            "Kenyan Interior Ministry",
            &["Kenyan Interior Ministry", "Interior Ministry"],
        );
        // a name the lexicon knows keeps the lexicon's canonical form
        let text =
            "The U.S. State Department said on Monday that the State Department would reply.";
        has(
            text,
            EntityType::Organization,
            "United States Department of State",
            &["U.S. State Department", "State Department"],
        );
    }

    #[test]
    fn organization_by_head_word_and_acronym() {
        let text = "The Ministry of Foreign Affairs issued a note. Officials at the Ministry of Foreign Affairs agreed.";
        has(
            text,
            EntityType::Organization,
            "Ministry of Foreign Affairs",
            &["Ministry of Foreign Affairs", "Ministry of Foreign Affairs"],
        );
    }

    #[test]
    fn capital_as_government_or_as_city() {
        let text = "Officials met in Beijing on Monday. Beijing rejected the plan.";
        let got = entities(text);
        let china = got
            .iter()
            .find(|(k, n, _)| *k == EntityType::Country && n == "China")
            .expect("China");
        assert_eq!(china.2, ["Beijing"]);
        assert!(
            got.iter()
                .any(|(k, n, m)| *k == EntityType::Place && n == "Beijing" && m == &["Beijing"]),
            "{got:?}"
        );
        let a = Analyzer::new().analyze(text);
        let metonym = a
            .entities
            .iter()
            .flat_map(|e| &e.mentions)
            .find(|m| m.start > 30)
            .unwrap();
        assert_eq!(metonym.form, MentionForm::Metonym);
        // an ambassador is sent to a government
        let text = "Colombia recalled its ambassador to Washington on Sunday.";
        has(text, EntityType::Country, "United States", &["Washington"]);
        has_none(text, EntityType::Place);
        // a part of a city its possessive names is the city; the government's own is not
        let text =
            "Drones hit Kyiv's outskirts and Beirut's southern suburbs. Kyiv's reply came fast.";
        has(text, EntityType::Place, "Kyiv", &["Kyiv"]);
        has(text, EntityType::Place, "Beirut", &["Beirut"]);
        has(text, EntityType::Country, "Ukraine", &["Kyiv"]);
    }

    #[test]
    fn a_pair_read_as_a_body_is_the_person_named_by_its_last_word_later() {
        let text = "Arsenal won as Eberechi Eze scored a hat-trick. Eze doubled the lead.";
        has(
            text,
            EntityType::Person,
            "Eberechi Eze",
            &["Eberechi Eze", "Eze"],
        );
    }

    #[test]
    fn a_company_named_like_a_place_is_the_company_among_companies() {
        let text = "Cloud firms such as Microsoft, Amazon and Google bought chips. \
            Shares of Amazon rose. Fires burned in the Amazon.";
        let got = entities(text);
        let amazon: Vec<_> = got.iter().filter(|(_, n, _)| n == "Amazon").collect();
        assert_eq!(
            amazon,
            [
                &(
                    EntityType::Organization,
                    "Amazon".to_string(),
                    vec!["Amazon", "Amazon"]
                ),
                &(EntityType::Place, "Amazon".to_string(), vec!["Amazon"])
            ],
            "{got:?}"
        );
    }

    #[test]
    fn a_body_the_lexicon_knows_by_several_words_is_no_person() {
        // (the tagger reads the club as a person in this document)
        let text = "LONDON, Nov 23 (Reuters) - Arsenal extended their lead at the top of the Premier \
            League to six points with a 4-1 win over north London rivals Tottenham Hotspur at the \
            Emirates Stadium on Sunday, as Eberechi Eze scored a hat-trick.\n\nLeandro Trossard \
            gave Arsenal the lead in the 36th minute before Eze doubled it five minutes later with \
            a curling shot from the edge of the box. Eze added his second early in the second \
            half and Richarlison pulled one back for Tottenham with a lob from 35 metres.\n\n\
            Liverpool's poor run continued with a 3-0 home defeat by Nottingham Forest, leaving \
            Arne Slot's champions 11th in the table.";
        has(
            text,
            EntityType::Organization,
            "Nottingham Forest",
            &["Nottingham Forest"],
        );
    }

    #[test]
    fn a_division_word_after_a_name_says_it_is_the_division() {
        let text = "Gunmen seized pupils in Nigeria's Niger state. Niger closed its border. \
            Officers of Buenos Aires province were held.";
        let got = entities(text);
        let kinds = |name: &str| {
            let mut k: Vec<_> = got
                .iter()
                .filter(|(_, n, _)| n == name)
                .map(|(k, _, m)| (*k, m.clone()))
                .collect();
            k.sort_by_key(|(k, _)| *k as u8);
            k
        };
        assert_eq!(
            kinds("Niger"),
            [
                (EntityType::Country, vec!["Niger"]),
                (EntityType::Place, vec!["Niger"])
            ],
            "{got:?}"
        );
        assert_eq!(
            kinds("Buenos Aires"),
            [(EntityType::Place, vec!["Buenos Aires"])],
            "{got:?}"
        );
    }

    #[test]
    fn a_saints_site_is_one_name() {
        let text = "City won at St James' Park. Pilgrims filled St Peter's Square. \
            He was taken to St Thomas' Hospital. St Gallen's Brazilian striker scored.";
        has(
            text,
            EntityType::Place,
            "St James' Park",
            &["St James' Park"],
        );
        has(
            text,
            EntityType::Place,
            "St Peter's Square",
            &["St Peter's Square"],
        );
        has(
            text,
            EntityType::Organization,
            "St Thomas' Hospital",
            &["St Thomas' Hospital"],
        );
        assert!(
            !entities(text)
                .iter()
                .any(|(_, n, _)| n.contains("Brazilian")),
            "{:?}",
            entities(text)
        );
    }

    #[test]
    fn where_an_analyst_works_is_a_firm() {
        let text = "\"Sales look firm,\" said Jacob Bourne, an analyst at Emarketer.";
        has(text, EntityType::Organization, "Emarketer", &["Emarketer"]);
    }

    #[test]
    fn where_analysts_work_is_a_firm_at_a_sentence_start_too() {
        let text = "Airbus cut its target. Analysts at Jefferies said the cut was small.";
        has(text, EntityType::Organization, "Jefferies", &["Jefferies"]);
    }

    #[test]
    fn a_body_in_apposition_names_a_body() {
        let text = "Freedom House, a U.S. think tank, said democracy declined.";
        has(
            text,
            EntityType::Organization,
            "Freedom House",
            &["Freedom House"],
        );
        let text = "Corruption Watch, a non-profit group based in Johannesburg, said so.";
        has(
            text,
            EntityType::Organization,
            "Corruption Watch",
            &["Corruption Watch"],
        );
        // a person before a body's word that heads no phrase stays a person
        let text = "Maria Vargas, a rights group founder, said so.";
        has(text, EntityType::Person, "Maria Vargas", &["Maria Vargas"]);
    }

    #[test]
    fn a_name_before_river_or_after_town_of_is_a_place() {
        let text = "The Thu Bon river in the ancient town of Hoi An rose to its highest level.";
        has(text, EntityType::Place, "Thu Bon", &["Thu Bon"]);
        let text = "Boric will meet Kast at La Moneda palace on Monday.";
        has(text, EntityType::Place, "La Moneda", &["La Moneda"]);
        let text = "Villagers along the Nguyen Hue river fled.";
        has(text, EntityType::Place, "Nguyen Hue", &["Nguyen Hue"]);
        let text = "The river in the ancient town of Hoi An rose.";
        has(text, EntityType::Place, "Hoi An", &["Hoi An"]);
    }

    #[test]
    fn a_body_keeps_its_remit_with_hyphenated_words() {
        let text = "The National Center for Hydro-Meteorological Forecasting warned of more rain.";
        has(
            text,
            EntityType::Organization,
            "National Center for Hydro-Meteorological Forecasting",
            &["National Center for Hydro-Meteorological Forecasting"],
        );
    }

    #[test]
    fn a_country_cut_from_a_body_by_an_office_is_the_country() {
        let text =
            "U.S. Treasury Secretary Scott Bessent will meet Chinese Vice Premier He Lifeng.";
        has(text, EntityType::Country, "United States", &["U.S."]);
        has(
            text,
            EntityType::Office,
            "Treasury Secretary",
            &["Treasury Secretary"],
        );
    }

    #[test]
    fn a_pope_is_an_office_and_a_regnal_name_is_named_again_by_its_first_word() {
        let text = "Pope Leo XIV prayed in Istanbul. In Iznik, the ancient city of Nicaea, Leo \
                    joined a prayer service.";
        has(text, EntityType::Office, "Pope", &["Pope"]);
        has(text, EntityType::Person, "Leo XIV", &["Leo XIV", "Leo"]);
    }

    #[test]
    fn an_office_word_ending_a_tagged_name_is_part_of_it() {
        let text = "Swiss Re agreed to buy Mercantile & General from Prudential on Monday.";
        has(
            text,
            EntityType::Organization,
            "Mercantile & General",
            &["Mercantile & General"],
        );
        has_none(text, EntityType::Office);
    }

    #[test]
    fn a_parent_body_before_a_known_body_is_no_part_of_its_name() {
        let text = "The U.N. World Food Programme said aid was blocked. The UN World Health \
                    Organization warned of cholera.";
        has(
            text,
            EntityType::Organization,
            "World Food Programme",
            &["U.N. World Food Programme"],
        );
        has(
            text,
            EntityType::Organization,
            "World Health Organization",
            &["UN World Health Organization"],
        );
    }

    #[test]
    fn a_treaty_subject_or_a_ship_is_no_entity() {
        let text = "Manila cited the U.N. Convention on the Law of the Sea. Iran is a party \
                    to the Treaty on the Non-Proliferation of Nuclear Weapons.";
        let got = entities(text);
        assert!(
            !got.iter()
                .any(|(_, n, _)| n.contains("Law") || n.contains("Proliferation")),
            "{got:?}"
        );
        has(text, EntityType::Country, "Iran", &["Iran"]);
        let text = "The Pentagon sent the USS Gerald R. Ford to the Caribbean.";
        let got = entities(text);
        assert!(
            !got.iter()
                .any(|(_, n, _)| n.contains("Gerald") || n.contains("Ford")),
            "{got:?}"
        );
    }

    #[test]
    fn a_holiday_is_no_person() {
        for text in [
            "Lawmakers in Washington hope to pass the bills before Christmas.",
            "Markets in Cairo close for Eid al-Fitr and reopen after Easter Monday.",
            "The truce was agreed before Ramadan, the mediator said.",
        ] {
            has_none(text, EntityType::Person);
        }
        has(
            "Ramadan Abdullah said the talks failed.",
            EntityType::Person,
            "Ramadan Abdullah",
            &["Ramadan Abdullah"],
        );
        has(
            "He flew to Christmas Island on Friday.",
            EntityType::Country,
            "Christmas Island",
            &["Christmas Island"],
        );
    }

    #[test]
    fn a_built_site_is_a_place() {
        for (text, name) in [
            ("Water levels fell at the Hoover Dam.", "Hoover Dam"),
            (
                "Traffic stopped on the Golden Gate Bridge.",
                "Golden Gate Bridge",
            ),
            (
                "He landed at Ben Gurion Airport on Friday.",
                "Ben Gurion Airport",
            ),
            (
                "Protesters gathered at the Quirino Grandstand on Sunday.",
                "Quirino Grandstand",
            ),
        ] {
            has(text, EntityType::Place, name, &[name]);
        }
        // a piece of a longer name is no one
        has_none(
            "Cairo sees the Grand Ethiopian Renaissance Dam as a threat.",
            EntityType::Person,
        );
    }

    #[test]
    fn a_known_body_the_tagger_called_a_thing_is_a_body_when_alone() {
        has(
            "Most of the assets are held by Euroclear, a depository based in Brussels.",
            EntityType::Organization,
            "Euroclear",
            &["Euroclear"],
        );
        // an aircraft is named by its maker
        let text = "The crew and passengers were on the Sudan Airways Airbus.";
        let got = entities(text);
        assert!(!got.iter().any(|(_, n, _)| n == "Airbus"), "{got:?}");
    }

    #[test]
    fn a_chamber_before_its_leader_is_a_body() {
        let text = "Senate Majority Leader John Thune said the vote would be held on Friday.";
        has(text, EntityType::Organization, "Senate", &["Senate"]);
        has(
            text,
            EntityType::Office,
            "Majority Leader",
            &["Majority Leader"],
        );
    }

    #[test]
    fn a_name_keeps_the_bracket_it_opens() {
        let text = "Nitish Kumar's Janata Dal (United) won 85 seats in Bihar.";
        has(
            text,
            EntityType::Organization,
            "Janata Dal (United)",
            &["Janata Dal (United)"],
        );
    }

    #[test]
    fn a_word_the_lexicon_gives_another_body_is_this_documents_body() {
        // "Congress" alone is the Indian party beside it, the U.S. Congress beside "U.S.
        // Congress", and a congress of no named country elsewhere (Peru's, Colombia's)
        let text = "The Congress party lost in Bihar. Congress leader Rahul Gandhi said so.";
        has(
            text,
            EntityType::Organization,
            "Indian National Congress",
            &["Congress party", "Congress"],
        );
        has(
            "The U.S. Congress met. Congress passed the bill on Friday.",
            EntityType::Organization,
            "United States Congress",
            &["U.S. Congress", "Congress"],
        );
        has(
            "Peru's Congress removed him in 2020.",
            EntityType::Organization,
            "Congress",
            &["Congress"],
        );
    }

    #[test]
    fn a_name_before_party_is_the_party() {
        has(
            "The Golkar party backed him in the vote.",
            EntityType::Organization,
            "Golkar",
            &["Golkar"],
        );
    }

    #[test]
    fn a_body_named_without_its_of_phrase_is_the_same_body() {
        has(
            "The Election Commission of India announced the results. The Election Commission denied bias.",
            EntityType::Organization,
            "Election Commission of India",
            &["Election Commission of India", "Election Commission"],
        );
    }

    #[test]
    fn a_known_company_is_short_for_a_known_longer_name() {
        has(
            "Samsung shares rose. Samsung Electronics named a new chief executive on Tuesday.",
            EntityType::Organization,
            "Samsung Electronics",
            &["Samsung", "Samsung Electronics"],
        );
        // but not for one the lexicon does not know
        let text = "Reuters reported the deal, and Reuters Television filmed the signing.";
        let got = entities(text);
        assert!(
            got.iter()
                .any(|(_, n, m)| n == "Reuters" && m == &["Reuters"]),
            "{got:#?}"
        );
    }

    #[test]
    fn a_clerics_title_after_an_office_is_no_part_of_the_name() {
        has(
            "Vatican Secretary of State Cardinal Pietro Parolin is accompanying the pope.",
            EntityType::Person,
            "Pietro Parolin",
            &["Pietro Parolin"],
        );
    }

    #[test]
    fn a_named_storm_is_no_entity() {
        let text = "The death toll from Cyclone Ditwah in Sri Lanka rose to 330 on Monday.";
        let got = entities(text);
        assert!(!got.iter().any(|(_, n, _)| n.contains("Ditwah")), "{got:?}");
        has(text, EntityType::Country, "Sri Lanka", &["Sri Lanka"]);
        let text = "Typhoon Kalmaegi hit the Philippines. Hurricane Melissa struck Jamaica.";
        let got = entities(text);
        assert!(
            !got.iter()
                .any(|(_, n, _)| n.contains("Kalmaegi") || n.contains("Melissa")),
            "{got:?}"
        );
        let text = "Floods kill dozens as cyclone Ditwah moves toward India";
        let got = entities(text);
        assert!(!got.iter().any(|(_, n, _)| n.contains("Ditwah")), "{got:?}");
    }

    #[test]
    fn a_venue_is_a_place() {
        let text = "Jamal Musiala sealed the win in stoppage time at the Allianz Arena.";
        has(text, EntityType::Place, "Allianz Arena", &["Allianz Arena"]);
    }

    #[test]
    fn capital_after_a_compass_word_is_the_city() {
        let text = "Fans of the north London club cheered. London rejected the plan.";
        let got = entities(text);
        assert!(
            got.iter()
                .any(|(k, n, m)| *k == EntityType::Place && n == "London" && m == &["London"]),
            "{got:?}"
        );
        assert!(
            got.iter().any(|(k, n, m)| *k == EntityType::Country
                && n == "United Kingdom"
                && m == &["London"]),
            "{got:?}"
        );
    }

    #[test]
    fn an_abbreviated_office_splits_a_headline_title() {
        let text = "Philippine VP Sara Duterte faces new impeachment bid\n\nLawmakers filed it.";
        has(text, EntityType::Office, "Vice President", &["VP"]);
        has(text, EntityType::Person, "Sara Duterte", &["Sara Duterte"]);
        has(text, EntityType::Country, "Philippines", &["Philippine"]);
    }

    #[test]
    fn a_vietnamese_surname_spelled_like_a_word_opens_the_name() {
        let text = "Party General Secretary To Lam met President Lee Jae-myung. To Lam, who \
                    arrived on Tuesday, left.";
        has(text, EntityType::Person, "To Lam", &["To Lam", "Lam"]);
    }

    #[test]
    fn capital_after_its_description_or_a_direction_is_the_city() {
        for text in [
            "Rebels marched on the capital Islamabad. Islamabad rejected the plan.",
            "A bomb went off 40 km north-east of Islamabad. Islamabad rejected the plan.",
        ] {
            let got = entities(text);
            assert!(
                got.iter().any(|(k, n, m)| *k == EntityType::Place
                    && n == "Islamabad"
                    && m == &["Islamabad"]),
                "{text}: {got:?}"
            );
            assert!(
                got.iter()
                    .any(|(k, n, _)| *k == EntityType::Country && n == "Pakistan"),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn alias_after_naming_verb_joins_the_place() {
        let text = "The Paracel Islands lie in the South China Sea. Vietnam, which calls them Hoang Sa, disputes this.";
        has(
            text,
            EntityType::Place,
            "Paracel Islands",
            &["Paracel Islands", "Hoang Sa"],
        );
        has(
            text,
            EntityType::Place,
            "South China Sea",
            &["South China Sea"],
        );
    }

    #[test]
    fn shouting_headline_still_finds_countries() {
        let text = "SOCCER - JAPAN BEAT SYRIA IN ASIAN CUP\nAL AIN 1996-12-06\nJapan won.";
        let got = entities(text);
        assert!(
            got.iter().any(|(k, n, m)| *k == EntityType::Country
                && n == "Japan"
                && m == &["JAPAN", "Japan"]),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(k, n, _)| *k == EntityType::Country && n == "Syria"),
            "{got:?}"
        );
    }

    #[test]
    fn no_names_in_plain_lowercase_text() {
        assert!(entities("the turkey was roasted and we ate it with china plates.").is_empty());
    }

    #[test]
    fn particles_numerals_and_articles_stay_in_names() {
        let text = "Commission President Ursula von der Leyen spoke. Later Von der Leyen left.";
        has(
            text,
            EntityType::Person,
            "Ursula von der Leyen",
            &["Ursula von der Leyen", "Von der Leyen"],
        );
        let text = "President Abdel Fattah al-Sisi met King Abdullah II in Cairo.";
        let got = entities(text);
        assert!(
            got.iter()
                .any(|(k, n, _)| *k == EntityType::Person && n == "Abdel Fattah al-Sisi"),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(k, n, _)| *k == EntityType::Person && n == "Abdullah II"),
            "{got:?}"
        );
    }

    #[test]
    fn headline_and_dateline_capitals_get_their_usual_names() {
        let text = "MANILA, Aug. 6 — Officials in Manila said little.";
        let a = Analyzer::new().analyze(text);
        let manila: Vec<&Entity> = a.entities.iter().filter(|e| e.name == "Manila").collect();
        assert_eq!(manila.len(), 1, "{:?}", a.entities);
        assert_eq!(manila[0].mentions.len(), 2);
    }

    #[test]
    fn datelines_name_places() {
        for (text, name, mention) in [
            (
                "SAN FRANCISCO (Reuters) - Nvidia reported record revenue.",
                "San Francisco",
                "SAN FRANCISCO",
            ),
            ("KYIV — Russian drones struck power plants.", "Kyiv", "KYIV"),
            ("LONDON 1996-08-30\nThe pound rose.", "London", "LONDON"),
            (
                "GAZA CITY, Nov 24 (Reuters) - Aid trucks arrived.",
                "Gaza",
                "GAZA CITY",
            ),
            // the second of two places
            (
                "KHARTOUM/CAIRO (Reuters) - Sudan's army withdrew from the city.",
                "Cairo",
                "CAIRO",
            ),
        ] {
            has(text, EntityType::Place, name, &[mention]);
        }
        // a table's team and score, and a heading alone on its line, are no datelines
        let got = entities("BOSTON 72 56 .563\nANNEX\nThe list follows.");
        assert!(
            !got.iter().any(|(k, _, m)| *k == EntityType::Place
                && (m.contains(&"BOSTON") || m.contains(&"ANNEX"))),
            "{got:?}"
        );
    }

    #[test]
    fn company_suffix_and_bracketed_acronym() {
        let text = "Shares of Advanced Micro Devices Inc. (AMD) fell. AMD said little.";
        has(
            text,
            EntityType::Organization,
            "Advanced Micro Devices Inc.",
            &["Advanced Micro Devices Inc.", "AMD", "AMD"],
        );
    }

    #[test]
    fn a_state_is_likelier_than_a_small_town_abroad() {
        let a = Analyzer::new().analyze("The company is building a factory in Arizona.");
        let arizona = a
            .entities
            .iter()
            .find(|e| e.name == "Arizona")
            .expect("Arizona");
        assert_eq!(arizona.place_kind, Some("state"));
    }

    #[test]
    fn demonym_is_the_country_whatever_the_tagger_said() {
        let text = "Philippine vessels sailed on. The Philippine Coast Guard watched.";
        let a = Analyzer::new().analyze(text);
        let ph = a
            .entities
            .iter()
            .find(|e| e.iso == Some("PH"))
            .expect("Philippines");
        assert_eq!(ph.mentions[0].form, MentionForm::Demonym);
    }

    #[test]
    fn person_named_like_a_country_stays_a_person() {
        let text = "Director Neil Jordan spoke in Venice on Friday.";
        has(text, EntityType::Person, "Neil Jordan", &["Neil Jordan"]);
        assert!(
            !entities(text)
                .iter()
                .any(|(k, _, _)| *k == EntityType::Country)
        );
    }

    #[test]
    fn geographic_head_word_makes_a_place() {
        let text = "Patrols were seen near Hans Island and Lake Chad on Monday.";
        let got = entities(text);
        assert!(
            !got.iter().any(|(k, _, _)| *k == EntityType::Person),
            "{got:?}"
        );
    }

    #[test]
    fn the_text_can_name_a_place_kind() {
        let a = Analyzer::new().analyze("Storms hit the U.S. state of Georgia on Tuesday.");
        let georgia = a
            .entities
            .iter()
            .find(|e| e.name == "Georgia")
            .expect("Georgia");
        assert_eq!(
            (georgia.kind, georgia.place_kind),
            (EntityType::Place, Some("state"))
        );
        let a = Analyzer::new().analyze("Georgia and Armenia signed the accord.");
        assert!(
            a.entities
                .iter()
                .any(|e| e.name == "Georgia" && e.kind == EntityType::Country)
        );
    }

    /// No person whose name is `name`.
    fn no_person(text: &str, name: &str) {
        let got = entities(text);
        assert!(
            !got.iter()
                .any(|(k, n, _)| *k == EntityType::Person && n == name),
            "{text:?}: {name:?} is no person, in {got:#?}"
        );
    }

    #[test]
    fn east_asian_names_surname_first_are_people() {
        for (text, name, mentions) in [
            (
                "Xi Jinping met Vladimir Putin in Moscow on Tuesday.",
                "Xi Jinping",
                &["Xi Jinping"][..],
            ),
            (
                "Chinese President Xi Jinping arrived on Monday. Xi later met students.",
                "Xi Jinping",
                &["Xi Jinping", "Xi"],
            ),
            (
                "North Korean leader Kim Jong Un watched the test.",
                "Kim Jong Un",
                &["Kim Jong Un"],
            ),
            (
                "The statement was issued by Moon Jae-in on Monday.",
                "Moon Jae-in",
                &["Moon Jae-in"],
            ),
            (
                "Officials said Wen Jiabao would travel to the region.",
                "Wen Jiabao",
                &["Wen Jiabao"],
            ),
            (
                "Vice Premier He Lifeng will lead the delegation.",
                "He Lifeng",
                &["He Lifeng"],
            ),
        ] {
            has(text, EntityType::Person, name, mentions);
        }
    }

    #[test]
    fn east_asian_surnames_inside_other_names_stay_there() {
        let text = "Protesters gathered in Hong Kong on Sunday.";
        has(text, EntityType::Country, "Hong Kong", &["Hong Kong"]);
        let text = "The Paracel Islands lie in the South China Sea. Vietnam calls them Hoang Sa.";
        no_person(text, "Hoang Sa");
        let text = "Liu Chong Hing Investment Ltd said profit rose. Liu Chong Hing also said so.";
        no_person(text, "Liu Chong Hing");
        no_person(
            "Results of the Hong\nKong Open squash tournament.",
            "Kong Open",
        );
        let text = "Flights to Chiang Kai-shek International Airport resumed.";
        no_person(text, "Chiang Kai-shek");
    }

    #[test]
    fn given_names_before_particles_join_the_surname() {
        let text = "Ursula von der Leyen spoke in Brussels.";
        has(
            text,
            EntityType::Person,
            "Ursula von der Leyen",
            &["Ursula von der Leyen"],
        );
        let text = "Mohammed bin Salman hosted the summit.";
        has(
            text,
            EntityType::Person,
            "Mohammed bin Salman",
            &["Mohammed bin Salman"],
        );
        let text = "Brazilian diplomat Andre Correa do Lago, who presided over the talks, spoke.";
        has(
            text,
            EntityType::Person,
            "Andre Correa do Lago",
            &["Andre Correa do Lago"],
        );
    }

    #[test]
    fn a_given_name_an_initial_and_a_surname_are_a_person() {
        let text = "George W. Bush met Tony Blair in London.";
        has(
            text,
            EntityType::Person,
            "George W. Bush",
            &["George W. Bush"],
        );
        let text = "Actor Michael J. Fox spoke on Monday.";
        has(
            text,
            EntityType::Person,
            "Michael J. Fox",
            &["Michael J. Fox"],
        );
    }

    #[test]
    fn names_right_after_an_office_are_people() {
        let text = "Google chief executive Sundar Pichai said the company would invest.";
        has(
            text,
            EntityType::Person,
            "Sundar Pichai",
            &["Sundar Pichai"],
        );
        let text = "Reliance Industries chairman Mukesh Ambani said profits rose.";
        has(
            text,
            EntityType::Person,
            "Mukesh Ambani",
            &["Mukesh Ambani"],
        );
    }

    #[test]
    fn names_after_a_noun_for_a_role_are_people() {
        for text in [
            "Trump adviser Massad Boulos arrived in Cairo on Monday.",
            "The lawyer Massad Boulos spoke on Monday.",
            "U.S. senior adviser for Africa Massad Boulos held talks in Cairo.",
        ] {
            has(
                text,
                EntityType::Person,
                "Massad Boulos",
                &["Massad Boulos"],
            );
        }
        // a name the tagger reads as an event or a title
        let text = "The adviser Yerlan Kaziyev spoke.";
        has(
            text,
            EntityType::Person,
            "Yerlan Kaziyev",
            &["Yerlan Kaziyev"],
        );
        // and an office's remit after "for", as after "to"
        let text = "He met special envoy for Sudan Tom Perriello in Cairo.";
        has(
            text,
            EntityType::Person,
            "Tom Perriello",
            &["Tom Perriello"],
        );
        // common words after an office are no one's name
        let text = "Figures are the General Consumer Price Index (100=1992).";
        has_none(text, EntityType::Person);
    }

    #[test]
    fn the_agency_of_a_dateline_is_an_organization() {
        for agency in ["Bernama", "AAP", "KUNA"] {
            let text = format!(
                "Ministers meet\n\nKUALA LUMPUR, Aug 7 ({agency}) -- Defence ministers met on \
                 Thursday."
            );
            has(&text, EntityType::Organization, agency, &[agency]);
        }
        // a common word there is a byline's, not an agency
        let text = "Chip sales rise\n\nSAN FRANCISCO, May 22 (Staff) -- Sales rose.";
        has_none(text, EntityType::Organization);
    }

    #[test]
    fn an_office_word_opening_a_body_or_a_trophy_is_no_office() {
        let text = "He chaired the meeting of the General Border Committee on Monday.";
        has(
            text,
            EntityType::Organization,
            "General Border Committee",
            &["General Border Committee"],
        );
        has_none(text, EntityType::Office);
        let text = "The President Cup was held.";
        has_none(text, EntityType::Person);
    }

    #[test]
    fn a_given_name_after_an_office_opens_a_persons_name_like_a_place() {
        let text = "He met GM chief Mary Barra.";
        has(text, EntityType::Person, "Mary Barra", &["Mary Barra"]);
    }

    #[test]
    fn a_name_before_a_temple_or_a_palace_is_a_place() {
        let text = "The clashes erupted near the ancient Ta Muen Thom temple on Monday.";
        has(text, EntityType::Place, "Ta Muen Thom", &["Ta Muen Thom"]);
        let text = "The treaty was signed at the Merdeka Palace after a meeting.";
        has(
            text,
            EntityType::Place,
            "Merdeka Palace",
            &["Merdeka Palace"],
        );
    }

    #[test]
    fn a_name_shortened_to_its_first_two_words_is_the_same_person() {
        let text = "Malaysian Defence Minister Mohamed Khaled Nordin chaired the meeting. \
                    \"This is an important step,\" Mohamed Khaled told reporters.";
        has(
            text,
            EntityType::Person,
            "Mohamed Khaled Nordin",
            &["Mohamed Khaled Nordin", "Mohamed Khaled"],
        );
    }

    #[test]
    fn a_name_appointed_to_an_office_is_a_persons() {
        let text = "Tinubu named Olufemi Oluyede as army chief.";
        has(
            text,
            EntityType::Person,
            "Olufemi Oluyede",
            &["Olufemi Oluyede"],
        );
    }

    #[test]
    fn a_country_between_an_office_and_a_name_is_a_given_name() {
        let text = "Israeli airstrikes killed 30 people, officials in Israel said. Israel and \
                    Hamas did not comment. Rubio held talks with Netanyahu and Defense Minister \
                    Israel Katz.";
        has(text, EntityType::Person, "Israel Katz", &["Israel Katz"]);
    }

    #[test]
    fn two_names_of_people_in_a_row_are_one_person() {
        let text = "Sri Lankan President Anura Kumara Dissanayake took office.";
        has(
            text,
            EntityType::Person,
            "Anura Kumara Dissanayake",
            &["Anura Kumara Dissanayake"],
        );
    }

    #[test]
    fn generations_stay_in_names() {
        let text = "Health Secretary Robert F. Kennedy Jr. spoke on Monday. Kennedy later left.";
        has(
            text,
            EntityType::Person,
            "Robert F. Kennedy Jr.",
            &["Robert F. Kennedy Jr.", "Kennedy"],
        );
        let text = "Ken Griffey Jr. hit a home run.";
        has(
            text,
            EntityType::Person,
            "Ken Griffey Jr.",
            &["Ken Griffey Jr."],
        );
    }

    #[test]
    fn names_no_list_knows_are_people_before_an_office_in_apposition() {
        let text = "Tedros Adhanom Ghebreyesus, the WHO director-general, urged calm.";
        let name = "Tedros Adhanom Ghebreyesus";
        has(text, EntityType::Person, name, &[name]);
        no_person(
            "He quit Raith Rovers, bottom of the premier division, on Tuesday.",
            "Raith Rovers",
        );
    }

    #[test]
    fn a_general_staff_is_an_organization() {
        let text = "Ukraine's General Staff said it had repelled 45 attacks.";
        has(
            text,
            EntityType::Organization,
            "General Staff",
            &["General Staff"],
        );
        assert!(
            !entities(text)
                .iter()
                .any(|(k, _, _)| matches!(k, EntityType::Office | EntityType::Person)),
            "{:#?}",
            entities(text)
        );
    }

    #[test]
    fn an_office_word_after_a_joiner_ends_the_name_it_is_in() {
        let text = "Paris St Germain won 4-0 at the Parc des Princes on Wednesday.";
        has(
            text,
            EntityType::Place,
            "Parc des Princes",
            &["Parc des Princes"],
        );
        has(
            "The agency's Board of Governors passed a resolution.",
            EntityType::Organization,
            "Board of Governors",
            &["Board of Governors"],
        );
        // and a title that begins a name is a word of it
        has(
            "Queen's Park Rangers beat Queen of the South 2-1 in Glasgow on Saturday.",
            EntityType::Organization,
            "Queen's Park Rangers",
            &["Queen's Park Rangers"],
        );
        // a title before a name stays one
        has(
            "The Awami League of Prime Minister Sheikh Hasina won.",
            EntityType::Office,
            "Prime Minister",
            &["Prime Minister"],
        );
        // an office after "the" alone is still one
        has(
            "Lima met the President on Monday.",
            EntityType::Office,
            "President",
            &["President"],
        );
    }

    #[test]
    fn followers_of_a_religion_are_no_names() {
        let text = "Gunmen attacked Christians in Plateau state, and Muslims in Zamfara.";
        let got = entities(text);
        assert!(
            got.iter()
                .all(|(_, n, _)| n != "Christians" && n != "Muslims"),
            "{got:#?}"
        );
        // with the branch they follow
        for text in [
            "Sunni Muslims and Coptic Christians prayed together in Cairo.",
            "Bartholomew is the spiritual leader of the world's Orthodox Christians.",
        ] {
            let got = entities(text);
            assert!(
                !got.iter()
                    .any(|(_, n, _)| n.contains("Christians") || n.contains("Muslims")),
                "{got:#?}"
            );
        }
        // nor are the words for them before a noun
        let text = "A Sikh separatist leader was killed. Hindu nationalists and Muslim groups clashed in Gujarat.";
        let got = entities(text);
        assert!(
            got.iter()
                .all(|(_, n, _)| !matches!(n.as_str(), "Sikh" | "Hindu" | "Muslim")),
            "{got:#?}"
        );
    }

    #[test]
    fn an_honorific_after_a_place_starts_a_name() {
        let text = "Chicago Cardinal Joseph Bernardin said on Friday he had cancer.";
        has(text, EntityType::Place, "Chicago", &["Chicago"]);
        has(
            text,
            EntityType::Person,
            "Joseph Bernardin",
            &["Joseph Bernardin"],
        );
        // a place named after someone stays whole
        let text = "Flights resumed at Imam Khomeini International Airport on Monday.";
        assert!(
            entities(text)
                .iter()
                .all(|(k, _, _)| *k != EntityType::Person),
            "{:#?}",
            entities(text)
        );
    }

    #[test]
    fn a_name_with_its_possessive_begins_a_company() {
        let text = "McDonald's Corp said on Monday its sales rose. McDonald's shares fell 2%.";
        has(
            text,
            EntityType::Organization,
            "McDonald's Corp",
            &["McDonald's Corp", "McDonald's"],
        );
        // a country, or someone named in full, owns what follows
        let text = "Japan's Toshiba Corp said profit rose.";
        has(
            text,
            EntityType::Organization,
            "Toshiba Corp",
            &["Toshiba Corp"],
        );
        let text = "Ion Iliescu said on Monday that Iliescu's Party of Social Democracy would win.";
        has(
            text,
            EntityType::Organization,
            "Party of Social Democracy",
            &["Party of Social Democracy"],
        );
    }

    #[test]
    fn an_office_word_after_a_given_name_is_a_surname() {
        let text = "U.S. captain Billie Jean King said at the draw that King would pick the team.";
        has(
            text,
            EntityType::Person,
            "Billie Jean King",
            &["Billie Jean King", "King"],
        );
        let text = "Jordan's King Abdullah met the king of Spain.";
        has(text, EntityType::Office, "King", &["King", "king"]);
    }

    #[test]
    fn small_words_left_of_a_span_are_no_names() {
        // (the tagger reads the two journalists here as one organization)
        let text = "Oman's Foreign Minister Badr Albusaidi, who mediated five rounds of talks \
                    between Araqchi and U.S. envoy Steve Witkoff earlier this year, visited Tehran \
                    on Monday, Iran's ISNA news agency reported.\n\nBrent crude futures rose \
                    0.6% to $63.40 a barrel.\n\n(Reporting by Parisa Hafezi and Elwely \
                    Elwelly; Editing by William Maclean)";
        let got = entities(text);
        assert!(got.iter().all(|(_, n, _)| n != "and"), "{got:#?}");
        has(
            text,
            EntityType::Person,
            "Elwely Elwelly",
            &["Elwely Elwelly"],
        );
    }

    #[test]
    fn names_are_spelled_as_written() {
        let text = "Analysts at Moody's Analytics and S&P said growth would slow.";
        has(
            text,
            EntityType::Organization,
            "Moody's Analytics",
            &["Moody's Analytics"],
        );
    }

    #[test]
    fn legal_forms_make_organizations() {
        for (text, name) in [
            (
                "Micron Technology reported a 46% rise in revenue.",
                "Micron Technology",
            ),
            (
                "Dow Chemical said on Monday it would cut jobs.",
                "Dow Chemical",
            ),
            (
                "Warner Bros said the film would open in May.",
                "Warner Bros",
            ),
            ("Kekkila Oy said sales rose.", "Kekkila Oy"),
        ] {
            has(text, EntityType::Organization, name, &[name]);
        }
    }

    #[test]
    fn names_no_list_knows_are_people_where_a_speaker_is_named() {
        for (text, name) in [
            (
                "Kyriakos Mitsotakis said on Monday that Greece would not back down.",
                "Kyriakos Mitsotakis",
            ),
            (
                "\"We will not accept this,\" said Hakainde Hichilema.",
                "Hakainde Hichilema",
            ),
            // a given name that is also a town, a surname that is also a common word
            (
                "Leo Varadkar told reporters the vote would be close.",
                "Leo Varadkar",
            ),
            (
                "Masayoshi Son said the fund would invest more.",
                "Masayoshi Son",
            ),
        ] {
            has(text, EntityType::Person, name, &[name]);
        }
        for (text, name) in [
            (
                "Atria Oy said profits rose in the third quarter.",
                "Atria Oy",
            ),
            ("Goldman Sachs said profits rose.", "Goldman Sachs"),
            (
                "\"Rates will fall,\" said Morgan Stanley.",
                "Morgan Stanley",
            ),
            ("Costa Rica said it would send aid.", "Costa Rica"),
            // not the end of the clause: the subject of what was said
            (
                "Officials said Gazeta Shqiptare would close.",
                "Gazeta Shqiptare",
            ),
        ] {
            no_person(text, name);
        }
    }

    #[test]
    fn a_given_name_and_a_surname_with_the_arabic_article_are_a_person() {
        for (text, name) in [
            (
                "Bashar al-Assad said on Monday that the talks would continue.",
                "Bashar al-Assad",
            ),
            // the tagger read "al-Mekdad" as a name of another kind
            (
                "Faisal al-Mekdad said on Monday that the talks would continue.",
                "Faisal al-Mekdad",
            ),
        ] {
            has(text, EntityType::Person, name, &[name]);
        }
        no_person("Jabhat al-Nusra claimed the attack.", "Jabhat al-Nusra");
    }

    #[test]
    fn credit_lines_name_journalists() {
        let text = "Talks resumed in Doha on Monday.\n\n(Reporting by Andrew Mills in Doha and \
                    Maayan Lubell in Jerusalem; additional reporting by Jan Strupczewski; \
                    Editing by Chizu Nomiyama and Leslie Adler)";
        let got = entities(text);
        for name in [
            "Andrew Mills",
            "Maayan Lubell",
            "Jan Strupczewski",
            "Chizu Nomiyama",
            "Leslie Adler",
        ] {
            has(text, EntityType::Person, name, &[name]);
        }
        has(text, EntityType::Place, "Jerusalem", &["Jerusalem"]);
        assert!(!got.iter().any(|(_, n, _)| n == "Editing"), "{got:#?}");
        no_person(
            "Prices rose.\n(Reporting by Gdansk Newsroom)",
            "Gdansk Newsroom",
        );
        no_person(
            "The survey was compiled by Piper Jaffray Inc for the week.",
            "Piper Jaffray Inc",
        );
    }

    #[test]
    fn an_honorific_between_an_office_and_a_name_is_neither() {
        for (text, name) in [
            (
                "Hamas founder Sheikh Ahmed Yassin was taken to hospital.",
                "Ahmed Yassin",
            ),
            (
                "British Prime Minister Sir Keir Starmer met Macron.",
                "Keir Starmer",
            ),
        ] {
            let got = entities(text);
            has(text, EntityType::Person, name, &[name]);
            assert!(
                !got.iter().any(|(_, n, _)| n == "Sheikh" || n == "Sir"),
                "{got:#?}"
            );
        }
    }

    #[test]
    fn the_rest_of_a_portfolio_after_an_office_is_no_name() {
        let text = "In Jakarta, Tsang will meet President Suharto, Minister of Finance Mar'ie \
                    Muhammad and Minister of Trade and Industry Tungky Ariwibowo.";
        let got = entities(text);
        has(
            text,
            EntityType::Person,
            "Tungky Ariwibowo",
            &["Tungky Ariwibowo"],
        );
        assert!(
            !got.iter().any(|(_, n, _)| n.starts_with("and ")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_town_read_as_a_team_is_a_place_where_places_stand() {
        let text = "Civilians remain trapped in the North Darfur city of El Fasher. Convoys \
                    wait in Tawila, 60 km west of El Fasher.";
        let got = entities(text);
        has(
            text,
            EntityType::Place,
            "El Fasher",
            &["El Fasher", "El Fasher"],
        );
        assert!(
            !got.iter()
                .any(|(k, n, _)| *k == EntityType::Organization && n == "El Fasher"),
            "{got:#?}"
        );
        // a team owning a win is the team
        let text = "Pires scored twice in Metz's 3-1 home victory over Lens.";
        has(text, EntityType::Organization, "Metz", &["Metz"]);
    }

    #[test]
    fn a_single_unknown_name_before_an_office_in_apposition_is_a_person() {
        let text = "Floods hit the island. Suharyanto, the head of the disaster agency, said \
                    roads were blocked.";
        has(text, EntityType::Person, "Suharyanto", &["Suharyanto"]);
        let text = "Floods hit the island. Elsewhere, the head of the agency said roads were \
                    blocked, the police said.";
        has_none(text, EntityType::Person);
        let text = "Floods hit the island. Separately, the head of the agency, who was late, \
                    said roads were blocked.";
        has_none(text, EntityType::Person);
    }

    #[test]
    fn a_division_named_with_its_word_is_the_division_named_without() {
        let text = "Gunmen struck in Kebbi State on Monday. The governor of the state of Kebbi \
                    said police were searching.";
        has(text, EntityType::Place, "Kebbi", &["Kebbi State", "Kebbi"]);
        // not where a city has the name too
        let text = "Gunmen struck in Kano State. Police in Kano said two men were held.";
        has(text, EntityType::Place, "Kano State", &["Kano State"]);
        has(text, EntityType::Place, "Kano", &["Kano"]);
    }

    #[test]
    fn a_place_with_a_word_of_direction_is_another_place() {
        let text = "Floods hit North Sumatra and West Sumatra on Monday. Rain is expected \
                    across Sumatra and Java.";
        has(text, EntityType::Place, "North Sumatra", &["North Sumatra"]);
        has(text, EntityType::Place, "Sumatra", &["Sumatra"]);
    }

    #[test]
    fn a_mountain_or_lake_named_without_its_head_word_is_the_same_place() {
        let text = "Climbers reached Mount Kinabalu on Monday. Rain later closed Kinabalu to \
                    visitors.";
        has(
            text,
            EntityType::Place,
            "Mount Kinabalu",
            &["Mount Kinabalu", "Kinabalu"],
        );
        has_none(text, EntityType::Person);
    }

    #[test]
    fn a_name_after_a_common_noun_for_a_body_is_that_body() {
        let text = "Environmental group Walhi said the clearing of forests made landslides \
                    more likely.";
        has(text, EntityType::Organization, "Walhi", &["Walhi"]);
        has_none(text, EntityType::Person);
        let text = "The nuclear watchdog Rosatom said on Monday it had opened an inquiry.";
        has(text, EntityType::Organization, "Rosatom", &["Rosatom"]);
        // (a person's name opens with a given name)
        let text = "Analysts expect gains at the party Vladimir Zhirinovsky leads.";
        has(
            text,
            EntityType::Person,
            "Vladimir Zhirinovsky",
            &["Vladimir Zhirinovsky"],
        );
    }

    #[test]
    fn a_name_listed_with_places_after_a_word_for_places_is_a_place() {
        let text = "Rains battered the provinces of North Sumatra, West Sumatra and Aceh, and \
                    the towns of Sibolga and Central Tapanuli.";
        for name in ["Aceh", "Central Tapanuli", "Sibolga", "North Sumatra"] {
            has(text, EntityType::Place, name, &[name]);
        }
        has_none(text, EntityType::Organization);
        // after a preposition of place, a province the lexicon knows
        let text = "Rescuers were sent to West Sumatra and Aceh, officials said.";
        has(text, EntityType::Place, "Aceh", &["Aceh"]);
        let text = "The storm moved across West Sumatra, Aceh and Riau on Sunday.";
        has(text, EntityType::Place, "Aceh", &["Aceh"]);
        has_none(text, EntityType::Person);
        // but not a city, which may be its club, nor clubs listed alone
        let text = "England play the second test at Headingley, Leeds, on Friday.";
        has(text, EntityType::Organization, "Leeds", &["Leeds"]);
        let text = "Red Star of Yugoslavia, Alba of Germany and Maccabi of Israel reached the \
                    final round in 1997.";
        has(text, EntityType::Organization, "Alba", &["Alba"]);
    }

    #[test]
    fn a_company_named_by_its_first_word_is_that_company() {
        // its legal name, which the lexicon knows
        let text = "Meta Platforms fell 2%. Meta said it would spend more on chips.";
        has(
            text,
            EntityType::Organization,
            "Meta",
            &["Meta Platforms", "Meta"],
        );
        let text = "Hon Hai Precision Industry said sales rose. Hon Hai makes iPhones.";
        has(
            text,
            EntityType::Organization,
            "Foxconn",
            &["Hon Hai Precision Industry", "Hon Hai"],
        );
        // a place no lexicon knows, and two longer names beginning with the shorter one
        let text = "Novo Nordisk will cut 9,000 jobs, the drugmaker said. Shares in Novo, \
                    Europe's biggest drugmaker, rose. The Novo Nordisk Foundation controls it.";
        has(
            text,
            EntityType::Organization,
            "Novo Nordisk",
            &["Novo Nordisk", "Novo"],
        );
        // but not a dateline's town
        let text = "HARLEYSVILLE, Pa. - Harleysville Group said on Monday its profit rose.";
        has(text, EntityType::Place, "HARLEYSVILLE", &["HARLEYSVILLE"]);
        // a body's short forms go with it into its name with "of"
        let text = "Cooperative Bank of Taiwan said profit rose. Cooperative Bank expects more \
                    growth, and Cooperative shares rose.";
        has(
            text,
            EntityType::Organization,
            "Cooperative Bank of Taiwan",
            &[
                "Cooperative Bank of Taiwan",
                "Cooperative Bank",
                "Cooperative",
            ],
        );
    }

    #[test]
    fn a_person_named_after_a_known_body_is_its_branch() {
        let text = "THE HAGUE, Nov 26 (Reuters) - A Dutch appeals court on Wednesday ordered \
                    the Netherlands to stop all exports of F-35 fighter jet parts to Israel \
                    within seven days, citing a clear risk that the planes were being used to \
                    violate international humanitarian law in Gaza.\n\nThe ruling by the Court \
                    of Appeal in The Hague overturned a lower court decision in a case brought \
                    by Oxfam Novib, PAX and The Rights Forum.";
        has(
            text,
            EntityType::Organization,
            "Oxfam Novib",
            &["Oxfam Novib"],
        );
        has_none(text, EntityType::Person);
        // a player named like a company keeps his name
        let text = "Goals: Nissan Levy (12th minute), David Cohen (40th).";
        has(text, EntityType::Person, "Nissan Levy", &["Nissan Levy"]);
    }

    #[test]
    fn a_state_abbreviated_after_a_town_is_the_state() {
        for (text, state) in [
            (
                "PITTSBURGH, Pa. - The steelmaker said profit rose.",
                "Pennsylvania",
            ),
            (
                "BOSTON, Mass. - The hospital said it would expand.",
                "Massachusetts",
            ),
            (
                "Officials in Burlington, Vt., said roads were closed.",
                "Vermont",
            ),
        ] {
            let got = entities(text);
            assert!(
                got.iter()
                    .any(|(k, n, _)| *k == EntityType::Place && n == state),
                "{text:?}: no {state} in {got:#?}"
            );
        }
    }

    #[test]
    fn a_name_with_small_words_keeps_its_reading_where_named_again() {
        let text = "Washington blames the Cartel de los Soles for the flow of drugs. Officials \
                    said the Cartel de los Soles as a whole answers to the army.";
        has(
            text,
            EntityType::Organization,
            "Cartel de los Soles",
            &["Cartel de los Soles", "Cartel de los Soles"],
        );
        has_none(text, EntityType::Person);
    }

    #[test]
    fn names_made_of_a_title_or_a_saint_are_places() {
        let text = "Steelworkers in Hamilton, Ontario, and Sault Ste. Marie have been hit \
                    hardest, Doug Ford said at Queen's Park in Toronto.";
        let got = entities(text);
        has(
            text,
            EntityType::Place,
            "Sault Ste. Marie",
            &["Sault Ste. Marie"],
        );
        has(text, EntityType::Place, "Queen's Park", &["Queen's Park"]);
        assert!(
            !got.iter().any(|(k, n, _)| matches!(
                (k, n.as_str()),
                (EntityType::Office, "Queen") | (_, "Park" | "Marie" | "Sault Ste")
            )),
            "{got:#?}"
        );
        // a given name before the saint is someone's
        let text = "Striker Paul St. John scored twice.";
        let got = entities(text);
        assert!(
            !got.iter()
                .any(|(k, n, _)| *k == EntityType::Place && n.starts_with("Paul")),
            "{got:#?}"
        );
    }

    #[test]
    fn acronyms_of_things_are_no_names() {
        let text = "Nvidia said spending on AI would grow. Its IPO raised $2 billion. NATO met.";
        let got = entities(text);
        assert!(
            !got.iter().any(|(_, n, _)| n == "AI" || n == "IPO"),
            "{got:#?}"
        );
        has(
            text,
            EntityType::Organization,
            "North Atlantic Treaty Organization",
            &["NATO"],
        );
    }

    #[test]
    fn titles_cut_short_are_titles_only_before_a_name() {
        let text = "Son Sen said on Monday the talks had failed.";
        assert!(
            !entities(text)
                .iter()
                .any(|(k, _, _)| *k == EntityType::Office),
            "{:?}",
            entities(text)
        );
        let text = "Sen Ted Cruz said on Monday the talks had failed.";
        has(text, EntityType::Office, "Senator", &["Sen"]);
        has(text, EntityType::Person, "Ted Cruz", &["Ted Cruz"]);
    }

    #[test]
    fn a_month_after_in_is_the_date() {
        let text = "Toyota expects profit to rise in the year ending in March, after sales \
                    fell in May.";
        let got = entities(text);
        assert!(
            !got.iter()
                .any(|(k, n, _)| *k == EntityType::Place && (n == "March" || n == "May")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_name_ending_in_prefecture_or_province_is_a_place() {
        // (named as the lexicon names the prefecture)
        let text = "Kon spoke at the headquarters in Toyota City, Aichi Prefecture.";
        has(text, EntityType::Place, "Aichi", &["Aichi Prefecture"]);
    }

    #[test]
    fn a_company_suffix_after_its_capitalised_words_completes_the_name() {
        let text = "Rival Honda Motor Co. last week cut its forecast.";
        let got = entities(text);
        assert!(
            got.iter()
                .any(|(k, _, m)| *k == EntityType::Organization && m.contains(&"Honda Motor Co.")),
            "{got:#?}"
        );
        // no suffix, nothing added
        let text = "Rival Honda Motor said on Monday it cut its forecast.";
        assert!(
            !entities(text)
                .iter()
                .any(|(_, _, m)| m.iter().any(|m| m.starts_with("Honda Motor said"))),
        );
    }

    #[test]
    fn a_company_named_before_its_full_name_is_that_company() {
        let text = "Toyota raises forecast\n\nTOKYO (Kyodo) - Toyota Motor Corp. raised its \
                    forecast on Wednesday. Shares of Toyota rose 2 percent.";
        has(
            text,
            EntityType::Organization,
            "Toyota Motor Corp.",
            &["Toyota", "Toyota Motor Corp.", "Toyota"],
        );
    }

    #[test]
    fn each_place_of_a_shared_dateline_is_a_place() {
        let text = "CAIRO/JERUSALEM, Oct. 20 (Reuters) - Talks on the truce in Gaza resumed.";
        has(text, EntityType::Place, "Cairo", &["CAIRO"]);
        has(text, EntityType::Place, "Jerusalem", &["JERUSALEM"]);
    }

    #[test]
    fn a_town_of_several_words_read_as_a_person_is_a_place() {
        let text = "Strikes hit northern Gaza and Khan Younis on Monday.";
        let got = entities(text);
        assert!(
            got.iter()
                .any(|(k, n, _)| *k == EntityType::Place && n == "Khan Younis"),
            "{got:#?}"
        );
        assert!(
            !got.iter().any(|(k, _, _)| *k == EntityType::Person),
            "{got:#?}"
        );
    }

    #[test]
    fn an_unknown_name_with_the_arabic_article_is_a_person_where_people_are_named() {
        let text = "Izzat al-Rishq, a member of the political bureau, said the group \
                    remained committed. Majed al-Ansari said talks would go on.";
        has(
            text,
            EntityType::Person,
            "Izzat al-Rishq",
            &["Izzat al-Rishq"],
        );
        has(
            text,
            EntityType::Person,
            "Majed al-Ansari",
            &["Majed al-Ansari"],
        );
        // the first word of a place's name is no given name
        let text = "Shelling hit Ras al-Ain, a border town, and Deir al-Balah said nothing.";
        let got = entities(text);
        assert!(
            !got.iter().any(|(k, _, _)| *k == EntityType::Person),
            "{got:#?}"
        );
    }

    #[test]
    fn a_name_before_a_word_for_a_site_or_district_is_a_place() {
        let text = "Aid trucks entered Gaza through the Kerem Shalom crossing on Monday.";
        has(text, EntityType::Place, "Kerem Shalom", &["Kerem Shalom"]);
    }

    #[test]
    fn a_body_and_its_remit_are_one_organization() {
        let text = "The Kenya National Commission on Human Rights said 31 people died.";
        let got = entities(text);
        assert!(
            got.iter().any(|(k, _, m)| *k == EntityType::Organization
                && m.contains(&"Kenya National Commission on Human Rights")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_style_before_an_organization_head_word_begins_the_organization() {
        let text = "The EU's General Court upheld the fine, and General Motors shares rose.";
        let got = entities(text);
        assert!(
            !got.iter()
                .any(|(k, _, _)| matches!(k, EntityType::Office | EntityType::Person)),
            "{got:#?}"
        );
        has(
            text,
            EntityType::Organization,
            "General Court",
            &["General Court"],
        );
        // before a name it is a rank
        let text = "General Mark Milley spoke on Monday.";
        has(text, EntityType::Office, "General", &["General"]);
    }

    #[test]
    fn a_platform_the_lexicon_knows_is_no_person() {
        let text = "Dagalo said in a message posted on Telegram that his forces would withdraw.";
        has(text, EntityType::Organization, "Telegram", &["Telegram"]);
    }

    #[test]
    fn countries_joined_by_hyphens_are_each_a_country() {
        let text =
            "Japan-South Korea ties and the India-Pakistan border came up at U.S.-China talks.";
        has(text, EntityType::Country, "Japan", &["Japan"]);
        has(text, EntityType::Country, "South Korea", &["South Korea"]);
        has(text, EntityType::Country, "India", &["India"]);
        has(text, EntityType::Country, "Pakistan", &["Pakistan"]);
        has(text, EntityType::Country, "United States", &["U.S."]);
        has(text, EntityType::Country, "China", &["China"]);
        // a compound with something else is not split
        has_none("Israel-PLO talks resumed.", EntityType::Country);
    }

    #[test]
    fn a_leader_between_names_is_an_office() {
        let text = "Labour leader Keir Starmer met North Korean leader Kim Jong Un.";
        has(text, EntityType::Office, "Leader", &["leader", "leader"]);
        has(text, EntityType::Person, "Keir Starmer", &["Keir Starmer"]);
        // not a common noun
        has_none(
            "World leaders met, and the leader of Labour spoke.",
            EntityType::Office,
        );
        // so is "chief"; and a party's head word stays in its name
        let text = "Renault chief Louis Schweitzer met Communist Party chief Li Wei.";
        has(text, EntityType::Office, "Chief", &["chief", "chief"]);
        has(
            text,
            EntityType::Organization,
            "Communist Party",
            &["Communist Party"],
        );
        let text = "Socialist Party leader Olivier Faure said no.";
        has(
            text,
            EntityType::Organization,
            "Socialist Party",
            &["Socialist Party"],
        );
        has(text, EntityType::Office, "Leader", &["leader"]);
        has_none(
            "Their chief worry was the vote in Lyon.",
            EntityType::Office,
        );
    }

    #[test]
    fn a_sentence_s_first_word_is_no_part_of_a_company_named_after_it() {
        let text = "Toyota raised its forecast. Rival Honda Motor Co cut its own.";
        has(
            text,
            EntityType::Organization,
            "Honda Motor Co",
            &["Honda Motor Co"],
        );
    }

    #[test]
    fn bodies_read_as_one_are_split_where_the_lexicon_knows_the_first() {
        let text = "Macron held talks with all parties except the National Rally and France \
                    Unbowed at the palace.";
        has(
            text,
            EntityType::Organization,
            "National Rally",
            &["National Rally"],
        );
        has(
            text,
            EntityType::Organization,
            "France Unbowed",
            &["France Unbowed"],
        );
        // a legal form after "and" ends one company's name
        let text = "The shares were placed by Morgan Stanley and Co Inc on Monday.";
        has(
            text,
            EntityType::Organization,
            "Morgan Stanley and Co Inc",
            &["Morgan Stanley and Co Inc"],
        );
        // a body the lexicon knows, which the tagger took for a name of another kind
        let text = "Marine Le Pen, who leads the far-right National Rally in parliament, spoke.";
        has(
            text,
            EntityType::Organization,
            "National Rally",
            &["National Rally"],
        );
    }

    #[test]
    fn a_company_named_with_its_legal_form_is_a_company_throughout() {
        let text = "Nippon Steel completes purchase\n\nNippon Steel Corp said on Wednesday \
                    it had completed the deal.";
        has(
            text,
            EntityType::Organization,
            "Nippon Steel Corp",
            &["Nippon Steel", "Nippon Steel Corp"],
        );
        has_none(text, EntityType::Person);
    }

    #[test]
    fn a_country_s_embassy_is_a_body() {
        let text = "The Chinese Embassy in Tokyo and the U.S. Consulate in Osaka spoke. \
                    Protesters gathered outside the embassy.";
        has(
            text,
            EntityType::Organization,
            "Chinese Embassy",
            &["Chinese Embassy"],
        );
        has(
            text,
            EntityType::Organization,
            "U.S. Consulate",
            &["U.S. Consulate"],
        );
    }

    #[test]
    fn a_secretary_for_a_portfolio_is_one_office() {
        let text = "Cabinet Secretary for Energy Opiyo Wandayi met Secretary of State for \
                    Energy Ed Miliband.";
        has(
            text,
            EntityType::Office,
            "Energy Secretary",
            &[
                "Cabinet Secretary for Energy",
                "Secretary of State for Energy",
            ],
        );
        has(
            text,
            EntityType::Person,
            "Opiyo Wandayi",
            &["Opiyo Wandayi"],
        );
        has(text, EntityType::Person, "Ed Miliband", &["Ed Miliband"]);
    }

    #[test]
    fn a_party_member_from_a_place_names_the_place() {
        let text = "Rep. Jim Jordan, an Ohio Republican, said no. Sen. Chris Murphy, a \
                    Connecticut Democrat, disagreed.";
        has(text, EntityType::Place, "Connecticut", &["Connecticut"]);
        has(text, EntityType::Place, "Ohio", &["Ohio"]);
        has_none(text, EntityType::Organization);
    }

    #[test]
    fn a_name_after_a_common_noun_for_a_body_is_the_body() {
        let text = "The opposition alliance Fuerza Patria said so.";
        has(
            text,
            EntityType::Organization,
            "Fuerza Patria",
            &["Fuerza Patria"],
        );
        // a given name opens a person's name: "the party's leader"
        let text = "He met the leader of the liberal party Vladimir Zhirinovsky.";
        has(
            text,
            EntityType::Person,
            "Vladimir Zhirinovsky",
            &["Vladimir Zhirinovsky"],
        );
    }

    #[test]
    fn a_disease_before_its_outbreak_is_no_name() {
        let text = "Health workers fought an Ebola outbreak near the Ebola River.";
        has(text, EntityType::Place, "Ebola River", &["Ebola River"]);
        let got = entities(text);
        assert_eq!(got.len(), 1, "{got:?}");
        has_none(
            "Officials feared the Zika virus would spread.",
            EntityType::Person,
        );
        let text = "Brazil began a Zika vaccine trial.";
        has(text, EntityType::Country, "Brazil", &["Brazil"]);
        has_none(text, EntityType::Person);
    }

    #[test]
    fn the_adjective_of_a_part_of_a_continent_names_nothing() {
        for text in [
            "The South Asian neighbours signed a pact.",
            "Central Asian states met in Astana on Monday.",
            "Southeast Asian nations met.",
        ] {
            let got = entities(text);
            assert!(
                !got.iter().any(|(_, n, _)| n.contains("Asian")),
                "{text}: {got:#?}"
            );
        }
        // a country's demonym is still its country
        let text = "South African President Cyril Ramaphosa spoke.";
        has(
            text,
            EntityType::Country,
            "South Africa",
            &["South African"],
        );
    }

    #[test]
    fn a_capital_someone_leaves_for_is_a_place() {
        let text = "He will meet Han Zheng before leaving for Seoul on Thursday.";
        has(text, EntityType::Place, "Seoul", &["Seoul"]);
        // a capital acting is still its country
        let text = "Seoul protested on Thursday.";
        has(text, EntityType::Country, "South Korea", &["Seoul"]);
        // a capital as a source is its government, one gone to a place
        let text = "The talks went well, according to Doha.";
        has(text, EntityType::Country, "Qatar", &["Doha"]);
        let text = "The minister flew to Doha.";
        has(text, EntityType::Place, "Doha", &["Doha"]);
    }
}
