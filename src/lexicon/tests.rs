//! Data tests (every list sorted, unique, well formed) and matching tests.

use super::*;
use crate::tokenize::tokenize;

fn all_tables() -> Vec<(&'static str, Kind, &'static str)> {
    vec![
        ("country_names.tsv", Kind::CountryName, COUNTRY_NAMES),
        ("places.tsv", Kind::Place, PLACES),
        ("offices.tsv", Kind::Office, OFFICES),
        ("organizations.tsv", Kind::Organization, ORGANIZATIONS),
        ("words.tsv", Kind::Word, WORDS),
        ("names.tsv", Kind::Word, NAMES),
        ("common_words.tsv", Kind::Word, COMMON_WORDS),
    ]
}

#[test]
fn countries_are_sorted_unique_and_well_formed() {
    let lex = Lexicon::builtin();
    assert!(lex.countries().len() >= 20);
    for pair in lex.countries().windows(2) {
        assert!(
            pair[0].iso < pair[1].iso,
            "countries.tsv not sorted or not unique at {}",
            pair[1].iso
        );
    }
    for c in lex.countries() {
        assert!(
            c.iso.len() == 2 && c.iso.bytes().all(|b| b.is_ascii_uppercase()),
            "bad alpha-2 {}",
            c.iso
        );
        assert!(
            c.alpha3.len() == 3 && c.alpha3.bytes().all(|b| b.is_ascii_uppercase()),
            "bad alpha-3 {}",
            c.alpha3
        );
        assert!(
            !c.name.is_empty() && c.name.trim() == c.name,
            "bad name for {}",
            c.iso
        );
        assert_eq!(
            skip_header(COUNTRIES)
                .lines()
                .filter(|l| l.split('\t').count() != 4)
                .count(),
            0
        );
    }
}

#[test]
fn every_list_is_sorted_unique_and_well_formed() {
    let lex = Lexicon::builtin();
    for (file, kind, text) in all_tables() {
        let rows = skip_header(text);
        assert!(!rows.is_empty(), "{file} is empty");
        let mut prev: Option<&str> = None;
        for (n, line) in rows.split('\n').enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cols.len(),
                kind.columns(),
                "{file} row {n} `{line}`: wrong number of columns"
            );
            if let Err(m) = check_row(kind, &cols) {
                panic!("{file} row {n} `{line}`: {m}");
            }
            if let Some(p) = prev {
                let order = normalized(phrase_of(p)).cmp(normalized(phrase_of(line)));
                assert_ne!(
                    order,
                    Ordering::Greater,
                    "{file}: `{line}` is out of order after `{p}`"
                );
                assert_ne!(p, line, "{file}: `{line}` appears twice");
            }
            // codes must name a known country
            let iso = match kind {
                Kind::CountryName => Some(cols[1]),
                Kind::Place => Some(cols[3]).filter(|s| !s.is_empty()),
                _ => None,
            };
            if let Some(iso) = iso {
                assert!(
                    lex.country(iso).is_some(),
                    "{file} row `{line}`: unknown country {iso}"
                );
            }
            prev = Some(line);
        }
    }
}

/// Every entry can be found in text written as the entry is: the data and the tokenizer agree.
#[test]
fn every_phrase_is_found_in_text() {
    let lex = Lexicon::builtin();
    for (file, kind, text) in all_tables() {
        if kind == Kind::Word {
            continue;
        }
        for line in skip_header(text).split('\n') {
            let phrase = phrase_of(line);
            let tokens = tokenize(phrase);
            let found = lex.find(phrase, &tokens);
            // "Ala." is "Ala" and "." to the tokenizer, which knows only some abbreviations
            let whole = |m: &Match| {
                m.start == 0
                    && (m.end == phrase.len() || m.end + 1 == phrase.len() && phrase.ends_with('.'))
            };
            assert!(
                found.iter().any(whole),
                "{file}: `{phrase}` is not found as a whole: {found:?}"
            );
        }
    }
}

/// Names of countries, places and organizations are capitalised, so that lower-case text
/// ("us", "turkey") never matches them; one whose lower-case form is a common English word
/// ("Nice", "Split") is flagged `exact`, so that it does not match in headline capitals either.
#[test]
fn no_common_word_matches_unless_case_sensitive() {
    let lex = Lexicon::builtin();
    for (file, kind, text) in all_tables() {
        if matches!(kind, Kind::Word | Kind::Office) {
            continue;
        }
        for line in skip_header(text).split('\n') {
            let cols: Vec<&str> = line.split('\t').collect();
            let phrase = cols[0];
            assert!(
                phrase
                    .split([' ', '-'])
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase)),
                "{file}: `{phrase}` has no capitalised word"
            );
            let single = !phrase.contains([' ', '-']);
            if single
                && lex
                    .classes(&phrase.to_lowercase())
                    .contains(WordClass::COMMON_WORD)
            {
                assert_eq!(
                    cols.last(),
                    Some(&"exact"),
                    "{file}: `{phrase}` is a common word; flag it `exact`"
                );
            }
        }
    }
    // and the tables that skip lower-case text indeed have no lower-case entries
    for t in &lex.phrases {
        let any_lower = t
            .rows
            .split('\n')
            .any(|l| l.chars().next().is_some_and(char::is_lowercase));
        assert!(
            t.lowercase_starts || !any_lower,
            "{:?} has lower-case entries",
            t.kind
        );
    }
}

/// The text of each match, with its first reading.
fn found(text: &str) -> Vec<(String, Entry)> {
    let tokens = tokenize(text);
    Lexicon::builtin()
        .find(text, &tokens)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.entries[0]))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(s, _)| s).collect()
}

fn country(iso: &'static str, form: CountryForm) -> Entry {
    Entry::Country { iso, form }
}

#[test]
fn matching_table() {
    use CountryForm::*;
    let cases: &[(&str, &[(&str, Entry)])] = &[
        ("Japan's navy", &[("Japan", country("JP", Name))]),
        ("Japan’s navy", &[("Japan", country("JP", Name))]),
        (
            "the Japan-U.S. alliance",
            &[
                ("Japan", country("JP", Name)),
                ("U.S.", country("US", Abbreviation)),
            ],
        ),
        ("the U.S. said", &[("U.S.", country("US", Abbreviation))]),
        ("the US said", &[("US", country("US", Abbreviation))]),
        ("told us so", &[]),
        ("Turkey and turkey", &[("Turkey", country("TR", Name))]),
        ("TURKEY WARNS", &[("TURKEY", country("TR", Name))]),
        ("war in Ukraine.", &[("Ukraine", country("UA", Name))]),
        (
            "the U.N. said",
            &[(
                "U.N.",
                Entry::Organization {
                    name: "United Nations",
                    abbreviation: Some("UN"),
                },
            )],
        ),
        (
            "Japanese officials",
            &[("Japanese", country("JP", Demonym))],
        ),
        (
            "the White House said",
            &[("White House", country("US", Metonym))],
        ),
        ("a white house", &[]),
        // a US state, not the small town named after it
        (
            "in Oregon",
            &[(
                "Oregon",
                Entry::Place {
                    name: "Oregon",
                    kind: "state",
                    country: Some("US"),
                },
            )],
        ),
        // named as news spells it, not with the marks of scholarly transliteration
        (
            "in Rafah",
            &[(
                "Rafah",
                Entry::Place {
                    name: "Rafah",
                    kind: "city",
                    country: Some("PS"),
                },
            )],
        ),
        // a city's name without its accents, not another city's alternate spelling
        (
            "a flight from Cancun",
            &[(
                "Cancun",
                Entry::Place {
                    name: "Cancún",
                    kind: "city",
                    country: Some("MX"),
                },
            )],
        ),
        // folded to plain letters, those that do not decompose too ("Đ", "ł")
        (
            "in Dak Lak",
            &[(
                "Dak Lak",
                Entry::Place {
                    name: "Đắk Lắk",
                    kind: "region",
                    country: Some("VN"),
                },
            )],
        ),
        (
            "in Lodz",
            &[(
                "Lodz",
                Entry::Place {
                    name: "Łódź",
                    kind: "city",
                    country: Some("PL"),
                },
            )],
        ),
        (
            "in the East China Sea",
            &[(
                "East China Sea",
                Entry::Place {
                    name: "East China Sea",
                    kind: "sea",
                    country: None,
                },
            )],
        ),
        (
            "the Senkakus",
            &[(
                "Senkakus",
                Entry::Place {
                    name: "Senkaku Islands",
                    kind: "island",
                    country: None,
                },
            )],
        ),
        // Chinese names of disputed islands, with "Dao" (island) as their head
        (
            "near Huangyan Dao",
            &[(
                "Huangyan Dao",
                Entry::Place {
                    name: "Scarborough Shoal",
                    kind: "island",
                    country: None,
                },
            )],
        ),
        (
            "foreign ministers met",
            &[(
                "foreign ministers",
                Entry::Office {
                    name: "Foreign Minister",
                },
            )],
        ),
        (
            "Foreign Minister Wang",
            &[(
                "Foreign Minister",
                Entry::Office {
                    name: "Foreign Minister",
                },
            )],
        ),
        (
            "anti-Japanese protests",
            &[("Japanese", country("JP", Demonym))],
        ),
        // "Congo" alone is the larger Congo, as news writes it; the smaller is named in full
        ("fighting in Congo", &[("Congo", country("CD", Name))]),
        (
            "the Democratic Republic of Congo",
            &[("Democratic Republic of Congo", country("CD", Name))],
        ),
        (
            "the Republic of Congo",
            &[("Republic of Congo", country("CG", Name))],
        ),
        ("Congo Republic", &[("Congo Republic", country("CG", Name))]),
        (
            "in St. Louis",
            &[(
                "St. Louis",
                Entry::Place {
                    name: "Saint Louis",
                    kind: "city",
                    country: Some("US"),
                },
            )],
        ),
        // a rank word's office gives way to a longer one from the next word
        (
            "Deputy Secretary of State Landau",
            &[(
                "Secretary of State",
                Entry::Office {
                    name: "Secretary of State",
                },
            )],
        ),
        (
            "Deputy Secretary Landau",
            &[(
                "Deputy Secretary",
                Entry::Office {
                    name: "Deputy Secretary",
                },
            )],
        ),
        (
            "the Secretary of the Army",
            &[(
                "Secretary of the Army",
                Entry::Office {
                    name: "Army Secretary",
                },
            )],
        ),
    ];
    for (text, want) in cases {
        let got = found(text);
        let want: Vec<(String, Entry)> = want.iter().map(|(s, e)| (s.to_string(), *e)).collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

#[test]
fn longest_match_wins_and_boundaries_hold() {
    // "New York City" over "New York"; "South Korea" is not "Korea"
    assert_eq!(texts("in New York City today"), ["New York City"]);
    // the parts of a hyphenated token: a phrase may end inside it
    assert_eq!(texts("a New York-based group"), ["New York"]);
    assert_eq!(texts("Indo-Pacific"), ["Indo-Pacific"]);
    assert_eq!(texts("Guinea-Bissau"), ["Guinea-Bissau"]);
    assert_eq!(
        texts("South Korea and North Korea"),
        ["South Korea", "North Korea"]
    );
    // only whole tokens: "Japanese" is not "Japan" + "ese", "Omani" is not "Oman"
    assert!(texts("Japanesey").is_empty());
    // "U.N. Security Council" is one organization, not "U.N." then something else
    assert_eq!(
        texts("the U.N. Security Council met"),
        ["U.N. Security Council"]
    );
    // a phrase does not run across a blank line
    assert!(!texts("East China\n\nSea").contains(&"East China Sea".to_string()));
    // "People's" is two tokens in text and one word in the list
    assert_eq!(
        texts("the Democratic People's Republic of Korea"),
        ["Democratic People's Republic of Korea"]
    );
}

#[test]
fn spans_slice_the_text() {
    let text = "L’Élysée et le Kremlin: « Japon » — Japan-U.S. talks in Tokyo’s centre.";
    let tokens = tokenize(text);
    for m in Lexicon::builtin().find(text, &tokens) {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.tokens.start < m.tokens.end && m.tokens.end <= tokens.len());
        assert!(tokens[m.tokens.start].start <= m.start && m.end <= tokens[m.tokens.end - 1].end);
    }
    assert_eq!(texts("talks at the Élysée"), ["Élysée"]);
}

#[test]
fn every_reading_is_reported() {
    let text = "Georgia";
    let tokens = tokenize(text);
    let m = &Lexicon::builtin().find(text, &tokens)[0];
    assert!(m.entries.iter().any(|e| matches!(
        e,
        Entry::Place {
            kind: "state",
            country: Some("US"),
            ..
        }
    )));
}

#[test]
fn classes_of_words() {
    let lex = Lexicon::builtin();
    assert!(lex.classes("Mr.").contains(WordClass::HONORIFIC));
    assert!(lex.classes("minister").contains(WordClass::OFFICE_WORD));
    assert!(lex.classes("Minister").contains(WordClass::OFFICE_WORD));
    assert!(lex.classes("deputy").contains(WordClass::OFFICE_MODIFIER));
    assert!(lex.classes("Japan").contains(WordClass::COUNTRY));
    assert!(lex.classes("Japanese").contains(WordClass::DEMONYM));
    assert!(lex.classes("Tokyo").contains(WordClass::CITY));
    assert!(lex.classes("Monday").contains(WordClass::WEEKDAY));
    assert!(lex.classes("John").contains(WordClass::GIVEN_NAME));
    assert!(
        lex.classes("Kim")
            .contains(WordClass::EAST_ASIAN_SURNAME | WordClass::SURNAME)
    );
    assert!(!lex.classes("john").contains(WordClass::GIVEN_NAME));
    assert!(lex.classes("NATO").contains(WordClass::ORGANIZATION));
    assert!(lex.classes("Ministry").contains(WordClass::ORG_HEAD));
    assert!(lex.classes("zzzz").is_empty());
    // hyphenated names of names
    assert!(lex.classes("Jean-Pierre").contains(WordClass::GIVEN_NAME));
    assert!(lex.classes("Jae-myung").contains(WordClass::GIVEN_NAME));
    assert!(lex.classes("Smith-Jones").contains(WordClass::SURNAME));
    assert!(!lex.classes("Anti-Smith").contains(WordClass::SURNAME));
    assert!(!lex.classes("smith-jones").contains(WordClass::SURNAME));
}

#[test]
fn office_names() {
    let lex = Lexicon::builtin();
    assert_eq!(lex.office("foreign ministers"), Some("Foreign Minister"));
    assert_eq!(
        lex.office("Minister of Foreign Affairs"),
        Some("Foreign Minister")
    );
    assert_eq!(lex.office("former Prime Minister"), Some("Prime Minister"));
    assert_eq!(lex.office("President-elect"), Some("President"));
    assert_eq!(lex.office("PM"), Some("Prime Minister"));
    assert_eq!(
        lex.office("deputy prime minister"),
        Some("Deputy Prime Minister")
    );
    assert_eq!(
        lex.office("former Deputy Prime Minister"),
        Some("Deputy Prime Minister")
    );
    assert_eq!(
        lex.office("deputy foreign minister"),
        Some("Foreign Minister")
    );
    assert_eq!(
        lex.office("then-Foreign Minister"),
        Some("Foreign Minister")
    );
    assert_eq!(lex.office("Vice President-elect"), Some("Vice President"));
    assert_eq!(
        lex.office("Secretary of Defense"),
        Some("Defense Secretary")
    );
    assert_eq!(lex.office("Defence Ministers"), Some("Defense Minister"));
    assert_eq!(lex.office("Secretaries-General"), Some("Secretary-General"));
    assert_eq!(lex.office("Lt. Gen."), Some("Lieutenant General"));
    assert_eq!(lex.office("Security Secretary"), Some("Security Secretary"));
    assert_eq!(lex.office("former"), None);
    assert_eq!(lex.office("pm"), None);
    assert_eq!(lex.office("gardener"), None);
}

#[test]
fn country_by_code() {
    let lex = Lexicon::builtin();
    assert_eq!(lex.country("US").map(|c| c.name), Some("United States"));
    assert_eq!(lex.country("JP").and_then(|c| c.capital), Some("Tokyo"));
    assert_eq!(lex.country("KR").map(|c| c.alpha3), Some("KOR"));
    assert!(lex.country("XX").is_none());
}

#[test]
fn user_entries_add_to_the_builtin_lists() {
    let user = "# my additions\n\
                place\tNorthbridge\tNorthbridge\tcity\tAU\t\t\n\
                office\tharbour master\tHarbour Master\t\n\
                word\tZorblat\tsurname\t\t\n";
    let lex: &'static Lexicon = Box::leak(Box::new(Lexicon::with_user_text(user).expect("valid")));
    let text = "The harbour master of Northbridge, Ms. Zorblat, and the U.S. envoy";
    let tokens = tokenize(text);
    let got: Vec<&str> = lex
        .find(text, &tokens)
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    assert_eq!(got, ["harbour master", "Northbridge", "U.S.", "envoy"]);
    assert!(lex.classes("Zorblat").contains(WordClass::SURNAME));
    assert_eq!(lex.office("Harbour Masters"), None);
    assert_eq!(lex.office("harbour master"), Some("Harbour Master"));
    // the built-in lexicon is untouched
    assert!(
        !Lexicon::builtin()
            .classes("Zorblat")
            .contains(WordClass::SURNAME)
    );

    assert_eq!(Lexicon::with_user_text("planet\tMars\n").unwrap_err().0, 1);
    assert!(
        Lexicon::with_user_text("\nplace\tX\tX\tcity\tZZZ\t\t\n")
            .unwrap_err()
            .1
            .contains("ISO")
    );
}

#[test]
fn builtin_is_shared_and_thread_safe() {
    fn assert_sync<T: Send + Sync>() {}
    assert_sync::<Lexicon>();
    assert!(std::ptr::eq(Lexicon::builtin(), Lexicon::builtin()));
    // a debug print stays short (the analyzer holds the lexicon)
    assert!(format!("{:?}", Lexicon::builtin()).len() < 2_000);
}

/// Timings for the README: `cargo test --release lexicon::tests::timings -- --ignored --nocapture`.
#[test]
#[ignore]
fn timings() {
    use std::time::Instant;
    let text = "Chancellor Anna Berger of Germany told reporters in Berlin on Tuesday that the \
                European Union would send envoys to the Strait of Hormuz, while the U.S. State \
                Department and Japanese officials in Osaka discussed the South China Sea. "
        .repeat(8);
    let rss = || {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with("VmRSS"))
            .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
            .unwrap_or_default()
    };
    let rss_before = rss();
    let t0 = Instant::now();
    let lex = Lexicon::builtin();
    let load = t0.elapsed();
    let tokens = tokenize(&text);
    let t1 = Instant::now();
    let found = lex.find(&text, &tokens);
    let find = t1.elapsed();
    let t1 = Instant::now();
    lex.find(&text, &tokens);
    let find_again = t1.elapsed();
    let t2 = Instant::now();
    let mut n = 0;
    for t in &tokens {
        n += lex.classes(t.text(&text)).0.count_ones();
    }
    let classes = t2.elapsed();
    println!(
        "resident memory {} kB before loading, {} kB after matching",
        rss_before,
        rss()
    );
    println!(
        "{} bytes, {} tokens: load {:?}, find {:?} then {:?} ({} matches), classes of every token {:?} ({n} flags)",
        text.len(),
        tokens.len(),
        load,
        find,
        find_again,
        found.len(),
        classes
    );
}

/// Prints what is found in a file: `LEXICON_SHOW=file cargo test --release lexicon::tests::show -- --ignored --nocapture`.
#[test]
#[ignore]
fn show() {
    let Ok(path) = std::env::var("LEXICON_SHOW") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable");
    let tokens = tokenize(&text);
    for m in Lexicon::builtin().find(&text, &tokens) {
        println!("{:?} {:?}", &text[m.start..m.end], m.entries);
    }
}

/// Times `find` and `classes` over the texts of a JSON Lines file (one `"text"` per line), the
/// best of five runs, each on a fresh thread (so with nothing remembered from the run before):
/// `LEXICON_SPEED=FILE cargo test --release lookup_speed -- --ignored --nocapture`. Under a
/// loaded machine, count cycles instead: `LEXICON_SPEED_ONLY=find` (or `classes`, or `none`
/// for the setup alone) runs one part once, for `perf stat -e cycles:u`.
#[test]
#[ignore]
fn lookup_speed() {
    let Ok(path) = std::env::var("LEXICON_SPEED") else {
        return;
    };
    let docs: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let tokens: Vec<_> = docs.iter().map(|d| tokenize(d)).collect();
    let lex = Lexicon::builtin();
    if let Ok(only) = std::env::var("LEXICON_SPEED_ONLY") {
        for (d, ts) in docs.iter().zip(&tokens) {
            match only.as_str() {
                "find" => drop(lex.find(d, ts)),
                "classes" => ts.iter().for_each(|t| {
                    lex.classes(t.text(d));
                }),
                _ => {}
            }
        }
        return;
    }
    let run = || {
        let (mut matches, mut flags) = (0, 0);
        let t = std::time::Instant::now();
        for (d, ts) in docs.iter().zip(&tokens) {
            matches += lex.find(d, ts).len();
        }
        let find = t.elapsed();
        let t = std::time::Instant::now();
        for (d, ts) in docs.iter().zip(&tokens) {
            for tok in ts {
                flags += lex.classes(tok.text(d)).0.count_ones();
            }
        }
        (find, t.elapsed(), matches, flags)
    };
    let runs: Vec<_> = (0..5)
        .map(|_| std::thread::scope(|s| s.spawn(run).join().unwrap()))
        .collect();
    let find = runs.iter().map(|r| r.0).min().unwrap();
    let classes = runs.iter().map(|r| r.1).min().unwrap();
    println!(
        "{} docs, {} bytes, {} tokens: find {find:?} ({} matches), classes {classes:?} ({} flags)",
        docs.len(),
        docs.iter().map(String::len).sum::<usize>(),
        tokens.iter().map(Vec::len).sum::<usize>(),
        runs[0].2,
        runs[0].3,
    );
}

#[test]
fn built_in_index_matches_the_lists() {
    for table in Lexicon::builtin()
        .phrases
        .iter()
        .chain(&Lexicon::builtin().words)
    {
        let (starts, runs, firsts) = row_index(table.rows);
        assert_eq!(table.starts, starts.as_slice(), "{:?}", table.kind);
        assert_eq!(table.runs, runs.as_slice(), "{:?}", table.kind);
        assert_eq!(table.firsts, firsts.as_slice(), "{:?}", table.kind);
        // every row is found where it is
        for n in (0..table.starts.len()).step_by(97) {
            let k = key(phrase_of(table.row(n)));
            let at = table.lower_bound(k.as_bytes());
            assert!(
                at <= n && table.rows_equal(k.as_bytes()).count() >= 1,
                "{}",
                table.row(n)
            );
        }
    }
}

#[test]
fn user_rows_are_indexed() {
    let lex = Lexicon::with_user_text(
        "place\tÖstersund\tÖstersund\tcity\tSE\t\t\nword\tzz top\tnot_a_name\t\t\n",
    )
    .unwrap();
    assert_eq!(lex.classes("zz top"), WordClass::NOT_A_NAME);
    let text = "Talks in Östersund ended.";
    let found = lex.find(text, &tokenize(text));
    assert!(found.iter().any(|m| &text[m.start..m.end] == "Östersund"));
}

/// The phrase index compiled into the program is the one the lists make now, and the index
/// of lower-case text covers exactly the lists that lower-case text may match.
#[test]
fn built_in_phrase_index_matches_the_lists() {
    let lex = Lexicon::builtin();
    let rows: Vec<&str> = lex.phrases.iter().map(|t| t.rows).collect();
    let (slots, bits) = phrase_index(&rows);
    assert_eq!(lex.builtin_index[0].slots, slots.as_slice());
    assert_eq!(lex.builtin_index[0].bits, bits.as_slice());
    let lower: Vec<&str> = lex
        .phrases
        .iter()
        .map(|t| if t.lowercase_starts { t.rows } else { "" })
        .collect();
    let (slots, bits) = phrase_index(&lower);
    assert_eq!(lex.builtin_index[1].slots, slots.as_slice());
    assert_eq!(lex.builtin_index[1].bits, bits.as_slice());
    assert_eq!(lex.lowercase, lowercase_mask(&lex.phrases));
}

/// Every key of every phrase list is in the index with its list, with rows that hold it
/// when the index has rows, and every beginning of a key that a mark ends says the key may
/// go on with that mark.
#[test]
fn every_key_is_in_the_phrase_index() {
    let lex = Lexicon::builtin();
    for (n, table) in lex.phrases.iter().enumerate() {
        for lower in [false, true] {
            if lower && !table.lowercase_starts {
                continue;
            }
            for r in 0..table.starts.len() {
                let k = key(phrase_of(table.row(r)));
                let look = lex.look(hash_more(HASH_START, k.as_bytes()), lower);
                assert!(look.flags & 1 << n != 0, "{:?}: `{k}`", table.kind);
                if let Some((at, count)) = look
                    .rows
                    .iter()
                    .find(|x| x.0 == n)
                    .and_then(|x| rows_of(x.1))
                {
                    assert!(
                        at <= r && key_is(table.row(at).as_bytes(), k.as_bytes()),
                        "`{k}`"
                    );
                    assert!(count == 0 || r < at + count, "`{k}`: {at} {count} {r}");
                }
                for (at, c) in k.char_indices().filter(|(_, c)| !c.is_alphanumeric()) {
                    let shift = match c {
                        ' ' => 8,
                        '-' => 16,
                        _ => 24,
                    };
                    let flags = lex
                        .look(hash_more(HASH_START, &k.as_bytes()[..at]), lower)
                        .flags;
                    assert!(flags >> shift & 1 << n != 0, "`{}` in `{k}`", &k[..at]);
                }
            }
        }
    }
}

/// A word that starts no phrase is turned away by the index's bits alone, without its slot
/// being read, in upper and in lower case.
#[test]
fn a_word_that_starts_no_phrase_is_rejected() {
    let lex = Lexicon::builtin();
    for word in ["reporters", "told", "qwzx", "ninety", "said", "talks"] {
        let h = hash_more(HASH_START, word.as_bytes());
        for index in lex.builtin_index {
            assert!(!may_have(index.bits, h), "{word}");
        }
    }
    // one in twenty or so gets past the bits, and then its slot turns it away
    let h = hash_more(HASH_START, b"yesterday");
    assert!(may_have(lex.builtin_index[1].bits, h));
    assert_eq!(lex.builtin_index[1].flags(h).0, 0);
    // while the words of phrases are let through
    for word in ["japan", "new", "foreign", "united"] {
        let h = hash_more(HASH_START, word.as_bytes());
        assert_ne!(lex.builtin_index[0].flags(h).0, 0, "{word}");
    }
    assert_ne!(
        lex.builtin_index[1]
            .flags(hash_more(HASH_START, b"minister"))
            .0,
        0
    );
}

/// A user's phrases of several words, with hyphens and marks, are indexed when loaded and
/// found like the built-in ones, before them.
#[test]
fn user_phrases_are_indexed() {
    let lex: &'static Lexicon = Box::leak(Box::new(
        Lexicon::with_user_text(
            "place\tPort Zorblat-on-Sea\tPort Zorblat-on-Sea\tcity\tGB\t\t\n\
             organization\tZorblat & Sons\tZorblat & Sons\tZ&S\t\n\
             office\tchief zorblat officer\tChief Zorblat Officer\t\n",
        )
        .expect("valid"),
    ));
    let text =
        "The chief zorblat officer of Zorblat & Sons flew from Port Zorblat-on-Sea to Japan.";
    let found: Vec<&str> = lex
        .find(text, &tokenize(text))
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    assert_eq!(
        found,
        [
            "chief zorblat officer",
            "Zorblat & Sons",
            "Port Zorblat-on-Sea",
            "Japan"
        ]
    );
    assert!(lex.user_index.is_some() && lex.builtin_at == 3);
    assert_eq!(found, texts_in(lex, text));
}

fn texts_in(lex: &Lexicon, text: &str) -> Vec<String> {
    find_by_search(lex, text, &tokenize(text))
        .iter()
        .map(|m| text[m.start..m.end].to_string())
        .collect()
}

/// `Lexicon::find` without the phrase index, as it was before it: every step searches every
/// list that may still have the phrase, and stops when none has. The index must not change
/// what is found.
fn find_by_search(lex: &Lexicon, text: &str, tokens: &[Token]) -> Vec<Match> {
    let mut pieces: Vec<(usize, Range<usize>, Joint)> = Vec::new();
    for (ti, t) in tokens.iter().enumerate() {
        let s = t.text(text);
        let mut joint = if t.breaks_before >= 2 {
            Joint::Break
        } else if t.space_before || ti == 0 {
            Joint::Space
        } else {
            Joint::Touch
        };
        let mut from = 0;
        for (i, _) in s.match_indices('-') {
            if i > from && i + 1 < s.len() {
                pieces.push((ti, t.start + from..t.start + i, joint));
                joint = Joint::Hyphen;
                from = i + 1;
            }
        }
        pieces.push((ti, t.start + from..t.end, joint));
    }
    let keys: Vec<String> = pieces.iter().map(|p| key(&text[p.1.clone()])).collect();
    let spelled = |pieces: &[(usize, Range<usize>, Joint)]| {
        let mut s = String::new();
        for (n, p) in pieces.iter().enumerate() {
            if n > 0 {
                s.push_str(std::str::from_utf8(p.2.mark()).unwrap());
            }
            s.push_str(&text[p.1.clone()]);
        }
        s
    };
    // the longest phrase from piece `i`: where it ends, and its readings
    let longest = |i: usize| {
        let first = text[pieces[i].1.clone()].chars().next();
        let first = first.filter(|c| c.is_alphanumeric())?;
        let mut live: Vec<usize> = (0..lex.phrases.len())
            .filter(|&n| lex.phrases[n].lowercase_starts || !first.is_lowercase())
            .collect();
        let mut k = keys[i].clone();
        let mut best = None;
        let mut j = i + 1;
        loop {
            let mut entries = Vec::new();
            live.retain(|&n| {
                let t = &lex.phrases[n];
                let at = t.lower_bound(k.as_bytes());
                let row = |at: usize| (at < t.starts.len()).then(|| t.row(at));
                if !row(at).is_some_and(|r| cmp_key(r.as_bytes(), k.as_bytes()).1) {
                    return false;
                }
                let mut at = at;
                while let Some(r) =
                    row(at).filter(|r| cmp_key(r.as_bytes(), k.as_bytes()).0 == Ordering::Equal)
                {
                    entries.extend(lex.entry_of(t.kind, r, &spelled(&pieces[i..j])));
                    at += 1;
                }
                true
            });
            if !entries.is_empty() {
                let mut unique: Vec<Entry> = Vec::new();
                for e in entries {
                    if !unique.contains(&e) {
                        unique.push(e);
                    }
                }
                best = Some((j, unique));
            }
            if live.is_empty() {
                break;
            }
            let Some(next) = pieces.get(j) else { break };
            if keys[j].is_empty() || next.2 == Joint::Break {
                break;
            }
            k.push_str(std::str::from_utf8(next.2.mark()).unwrap());
            k.push_str(&keys[j]);
            j += 1;
        }
        best
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        match longest(i) {
            // a rank word's phrase gives way to a longer one from the next piece
            Some((j, _))
                if j > i + 1
                    && ["deputy", "assistant"]
                        .iter()
                        .any(|w| text[pieces[i].1.clone()].eq_ignore_ascii_case(w))
                    && longest(i + 1).is_some_and(|(k, _)| k > j) =>
            {
                i += 1
            }
            Some((j, entries)) => {
                out.push(Match {
                    tokens: pieces[i].0..pieces[j - 1].0 + 1,
                    start: pieces[i].1.start,
                    end: pieces[j - 1].1.end,
                    entries: entries.into(),
                });
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

/// The index changes nothing of what is found in the project's own articles.
#[test]
fn the_index_finds_what_a_search_finds_in_the_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("text");
            let tokens = tokenize(&text);
            let lex = Lexicon::builtin();
            assert_eq!(
                lex.find(&text, &tokens),
                find_by_search(lex, &text, &tokens),
                "{path:?}"
            );
            n += 1;
        }
    }
    assert!(n > 3);
}

/// The index changes nothing of what is found around any phrase of any list, written as the
/// list has it, in capitals, in lower case, before a hyphen, a possessive or a comma.
#[test]
fn the_index_finds_what_a_search_finds_around_every_phrase() {
    let lex = Lexicon::builtin();
    for t in &lex.phrases {
        let lines: Vec<&str> = t.rows.split('\n').collect();
        for chunk in lines.chunks(400) {
            let mut text = String::new();
            for (n, line) in chunk.iter().enumerate() {
                let phrase = phrase_of(line);
                match n % 6 {
                    0 => text.push_str(phrase),
                    1 => text.push_str(&phrase.to_uppercase()),
                    2 => text.push_str(&phrase.to_lowercase()),
                    3 => text.push_str(&format!("{phrase}-based")),
                    4 => text.push_str(&format!("{phrase}'s")),
                    _ => text.push_str(&format!("({phrase}),")),
                }
                text.push_str(if n % 17 == 0 { "\n\n" } else { " and " });
            }
            let tokens = tokenize(&text);
            assert_eq!(
                lex.find(&text, &tokens),
                find_by_search(lex, &text, &tokens)
            );
        }
    }
}

/// Words of phrases and stray marks, pieced together at random.
const PIECES: &[&str] = &[
    "New",
    "new",
    "York",
    "YORK",
    "City",
    "Japan",
    "japan",
    "U.S.",
    "US",
    "us",
    "United",
    "States",
    "Kingdom",
    "foreign",
    "Foreign",
    "minister",
    "Minister",
    "prime",
    "Prime",
    "People",
    "'s",
    "’s",
    "Republic",
    "of",
    "China",
    "South",
    "Korea",
    "North",
    "Sea",
    "the",
    "The",
    "Hague",
    "al",
    "Qaeda",
    "-",
    ",",
    ".",
    "(",
    ")",
    "²",
    "Denguélé",
    "São",
    "Paulo",
    "Washington",
    "D.C.",
    "St.",
    "Louis",
    "Georgia",
    "European",
    "Union",
    "Council",
    "AT",
    "&",
    "T",
    "based",
    "Abu",
    "Dhabi",
    "Côte",
    "d’Ivoire",
    "d'Ivoire",
    "Bosnia",
    "and",
    "Herzegovina",
    "Guinea",
    "Bissau",
    "Tokyo",
    "Osaka",
    "vice",
    "president",
    "Vice",
    "President",
    "Mr.",
    "Zorblat",
    "—",
    "“",
    "...",
    "Reykjavík",
    "Élysée",
    "ñandú",
];

const JOINS: &[&str] = &[" ", " ", " ", "", "-", "\n", "\n\n", " - ", "  "];

/// A text of [`PIECES`] each followed by one of [`JOINS`], as the property tests draw them.
fn joined(parts: &[(usize, usize)]) -> String {
    let mut text = String::new();
    for &(p, j) in parts {
        text.push_str(PIECES[p]);
        text.push_str(JOINS[j]);
    }
    text
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    #[test]
    fn the_index_finds_what_a_search_finds_anywhere(
        parts in proptest::collection::vec((0..PIECES.len(), 0..JOINS.len()), 0..40)
    ) {
        let text = joined(&parts);
        let tokens = tokenize(&text);
        let lex = Lexicon::builtin();
        proptest::prop_assert_eq!(lex.find(&text, &tokens), find_by_search(lex, &text, &tokens));
    }
}

/// The memo of word classes answers as the lists do, the first time and after, for short
/// words and for words too long to be remembered, and keeps lexicons apart.
#[test]
fn remembered_classes_are_the_lists_classes() {
    let lex = Lexicon::builtin();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut words: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("text");
            for t in tokenize(&text) {
                let w = t.text(&text);
                words.extend([w.to_string(), w.to_lowercase(), w.to_uppercase()]);
            }
        }
    }
    words.push("Jean-Pierre-Christophe-Marie-Antoine".to_string());
    words.push(String::new());
    for _ in 0..2 {
        for w in &words {
            assert_eq!(lex.classes(w), lex.classes_of(w), "`{w}`");
        }
    }
    let user = Lexicon::with_user_text("word\tReporters\tsurname\t\t\n").expect("valid");
    assert!(user.classes("Reporters").contains(WordClass::SURNAME));
    assert!(!lex.classes("Reporters").contains(WordClass::SURNAME));
    assert!(user.classes("Reporters").contains(WordClass::SURNAME));
}

/// The per-thread memos are bounded: the words' classes to [`MEMO_SIZE`] words and
/// [`RECENT`] places of half a megabyte, the phrases' readings to [`PHRASE_PLACES`] places of
/// under a megabyte.
#[test]
fn memos_are_bounded() {
    assert!(RECENT * std::mem::size_of::<(MemoWord, WordClass)>() <= 1 << 19);
    assert!(PHRASE_PLACES * std::mem::size_of::<(Option<MemoWord>, Option<Entries>)>() <= 1 << 20);
    let mut memo = Memo {
        lexicon: 0,
        classes: HashMap::with_hasher(BuildHasherDefault::new()),
        recent: Vec::new(),
    };
    for n in 0..MEMO_SIZE as u64 + 10 {
        memo.insert(0, MemoWord([n, 0, 8 << 56]), WordClass::NONE);
    }
    assert!(memo.classes.len() <= MEMO_SIZE);
    assert!(memo.recent.len() <= RECENT);
}

/// The remembered first steps of phrase searches change nothing of what is found: a text
/// searched again, every first step remembered, finds what a search finds, and a user's
/// lexicon, whose lists have more, is not answered from the built-in one's steps.
#[test]
fn remembered_first_steps_find_what_a_search_finds() {
    let lex = Lexicon::builtin();
    let text = "Japan-U.S. talks: the foreign minister of Japan met U.S. President Biden in \
                New York-based offices, then TOKYO and São Paulo, Zürich and the Kremlin.";
    let tokens = tokenize(text);
    for _ in 0..3 {
        assert_eq!(lex.find(text, &tokens), find_by_search(lex, text, &tokens));
    }
    let user = Lexicon::with_user_text("place\tTokyo Tower\tTokyo Tower\tlandmark\tJP\t\t\n")
        .expect("valid");
    let text = "Tokyo Tower and Tokyo.";
    let tokens = tokenize(text);
    for _ in 0..2 {
        let found = |lex: &Lexicon| -> Vec<String> {
            let found = lex.find(text, &tokens);
            found
                .iter()
                .map(|m| text[m.start..m.end].to_string())
                .collect()
        };
        assert_eq!(found(lex), ["Tokyo", "Tokyo"]);
        assert_eq!(found(&user), ["Tokyo Tower", "Tokyo"]);
        assert_eq!(
            user.find(text, &tokens),
            find_by_search(&user, text, &tokens)
        );
        assert_eq!(lex.find(text, &tokens), find_by_search(lex, text, &tokens));
    }
}

/// The remembered readings of phrases of several pieces change nothing of what is found:
/// one spelling made of pieces joined in different ways (one token, a hyphenated token,
/// words touching), in different cases, with periods and letters other than ASCII, each text
/// searched after the others, finds what a search finds.
#[test]
fn remembered_phrases_find_what_a_search_finds() {
    let lex = Lexicon::builtin();
    let texts = [
        "The People's Bank and the PEOPLE'S BANK met the people's bank.",
        "The People 's Bank, People\u{2019}s Bank and People-s Bank.",
        "Foreign Minister, foreign minister, FOREIGN MINISTER and Foreign-Minister spoke.",
        "U.S.-Japan talks, US-Japan ties, the U.S. and Japan, u.s. and japan.",
        "New York-based, New York based, NEW YORK-BASED and new york firms.",
        "S\u{e3}o Paulo, SAO PAULO, s\u{e3}o paulo, Z\u{fc}rich and Zurich.",
        "Prime Minister Kishida, prime minister kishida and Prime-Minister Kishida.",
    ];
    for round in 0..3 {
        for n in 0..texts.len() {
            // each round in another order
            let text = texts[(n * (round + 1)) % texts.len()];
            let tokens = tokenize(text);
            assert_eq!(
                lex.find(text, &tokens),
                find_by_search(lex, text, &tokens),
                "{text:?}"
            );
        }
    }
}

/// Comparing a row's phrase with a key, the ASCII beginning compared without decoding, orders
/// as the normalised phrase's bytes do, for phrases in any case, with periods, accents,
/// typographic apostrophes and characters other than ASCII, and keys that stop anywhere.
#[test]
fn comparing_a_phrase_with_a_key_is_comparing_its_key() {
    let phrases = [
        "Japan",
        "JAPAN",
        "japan",
        "Japanese",
        "U.S.",
        "US",
        "u.s.a",
        "São Paulo",
        "SÃO PAULO",
        "Zürich",
        "O\u{2019}Brien",
        "O'Brien",
        "Ÿ",
        "Æsir",
        "al-Qaeda",
        "AT&T",
        "Ab.C",
        "",
        // longer than the eight bytes compared at once
        "Washington D.C.",
        "Bosnia-Herzegovina",
        "UNITED NATIONS SECURITY COUNCIL",
        "Côte d\u{2019}Ivoire",
        "Prime Minister@[]`{~",
    ];
    let mut keys: Vec<String> = Vec::new();
    for p in phrases {
        let k: String = normalized(p).collect();
        for end in (0..=k.len()).filter(|&e| k.is_char_boundary(e)) {
            keys.push(k[..end].to_string());
        }
        keys.push(format!("{k}a"));
        keys.push(format!("{k}\u{e9}"));
    }
    for p in phrases {
        let want: String = normalized(p).collect();
        for row in [
            p.to_string(),
            format!("{p}\tcolumn"),
            format!("{p}\nnext row of the table"),
        ] {
            for k in &keys {
                let got = cmp_key(row.as_bytes(), k.as_bytes());
                let expected = (
                    want.as_bytes().cmp(k.as_bytes()),
                    want.starts_with(k.as_str()),
                );
                assert_eq!(got, expected, "{row:?} {k:?}");
            }
        }
    }
}

#[test]
fn ascii_keys_are_the_normalized_characters() {
    for s in [
        "U.S.", "Japan", "NATO", "St.", "O'Brien", "...", "", "Hyun-woo", "a.b.c",
    ] {
        assert_eq!(key(s), normalized(s).collect::<String>(), "{s:?}");
    }
    // and words that are not ASCII take the general path
    assert_eq!(key("Ü.S\u{2019}"), "üs'");
}

#[test]
fn buffers_kept_between_texts_change_nothing() {
    // each text alone on a fresh thread, with nothing kept, then all in turn on one thread
    let texts = [
        "Prime Minister Fumio Kishida met U.S. Secretary of State Antony Blinken in Tokyo.",
        "Japan-U.S. talks in New York-based offices; the People's Bank of China said.",
        "",
        "SOCCER - JAPAN WIN\nBERLIN 1996-08-30\nGermany beat the Czech Republic.",
        "Prime Minister Fumio Kishida met U.S. Secretary of State Antony Blinken in Tokyo.",
    ];
    let lex = Lexicon::builtin();
    let fresh: Vec<Vec<Match>> = texts
        .iter()
        .map(|t| std::thread::scope(|s| s.spawn(|| lex.find(t, &tokenize(t))).join().unwrap()))
        .collect();
    assert!(!fresh[0].is_empty() && !fresh[1].is_empty());
    for (t, want) in texts.iter().zip(&fresh) {
        assert_eq!(&lex.find(t, &tokenize(t)), want, "{t}");
    }
}

/// What a test compares of a piece: token, span, key, hash, joint and first character.
type PieceParts = (usize, usize, usize, Vec<u8>, u64, Joint, First);

/// The pieces of a text as the plain rules make them: tokens split at each hyphen between
/// other bytes, every key made by `push_key` and hashed whole, the first character read as
/// text.
fn plain_pieces(text: &str, tokens: &[Token]) -> Vec<PieceParts> {
    let mut out = Vec::new();
    for (ti, t) in tokens.iter().enumerate() {
        let mut joint = if t.breaks_before >= 2 {
            Joint::Break
        } else if t.space_before || ti == 0 {
            Joint::Space
        } else {
            Joint::Touch
        };
        let s = &text.as_bytes()[t.start..t.end];
        let mut spans = Vec::new();
        let mut from = 0;
        for (i, &b) in s.iter().enumerate() {
            if b == b'-' && i > from && i + 1 < s.len() {
                spans.push(t.start + from..t.start + i);
                from = i + 1;
            }
        }
        spans.push(t.start + from..t.end);
        for span in spans {
            let mut key = Vec::new();
            push_key(&mut key, &text[span.clone()]);
            let hash = hash_more(HASH_START, &key);
            let first = First::of(text, span.clone());
            out.push((ti, span.start, span.end, key, hash, joint, first));
            joint = Joint::Hyphen;
        }
    }
    out
}

/// The built-in lexicon's rule for where phrases start.
fn start_rule() -> StartRule {
    StartRule {
        index: Lexicon::builtin().builtin_index,
        user: false,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// The pieces made fast (plain words hashed as their class is read, periods and hyphens
    /// apart) are the pieces of the plain rules.
    #[test]
    fn pieces_are_the_plain_pieces(
        parts in proptest::collection::vec((0..PIECES.len(), 0..JOINS.len()), 0..40)
    ) {
        let text = joined(&parts);
        let tokens = tokenize(&text);
        let (mut pieces, mut keys, mut more) = Default::default();
        make_pieces(
            &text,
            &tokens,
            (&mut pieces, &mut keys, &mut more),
            KnownWords::default(),
            (start_rule(), &mut Vec::new()),
        );
        let made: Vec<_> = pieces
            .iter()
            .map(|p| (p.token, p.start, p.end, p.key(&keys).to_vec(), p.hash, p.joint, p.first))
            .collect();
        proptest::prop_assert_eq!(made, plain_pieces(&text, &tokens));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// The search finds the same with the words' keys read beforehand, as the tagger hands
    /// them on, as without: whether they were read in this text or in the text in capitals or
    /// in lower case, and for all tokens or only the first few.
    #[test]
    fn known_word_keys_find_what_the_search_finds(
        parts in proptest::collection::vec((0..PIECES.len(), 0..JOINS.len()), 0..40),
        case in 0..3usize,
        known in 0..40usize,
    ) {
        let text = joined(&parts);
        let tokens = tokenize(&text);
        let read_in = match case {
            0 => text.clone(),
            1 => text.to_ascii_uppercase(),
            _ => text.to_ascii_lowercase(),
        };
        let keys: Vec<WordKey> = tokens
            .iter()
            .map(|t| WordKey::of(t.text(&read_in).as_bytes()))
            .collect();
        let ids: Vec<u32> = (0..tokens.len().min(known) as u32).collect();
        let known = KnownWords {
            ids: &ids,
            keys: &keys,
            classes: &[],
        };
        let lex = Lexicon::builtin();
        let mut found = Vec::new();
        lex.find_into(&text, &tokens, known, &mut found);
        proptest::prop_assert_eq!(found, lex.find(&text, &tokens));
    }
}

#[test]
fn pieces_of_periods_hyphens_and_marks_are_the_plain_pieces() {
    let text = "Mr. Smith-Jones of the U.S.-Japan talks said. ... A well-known “São Paulo-based” firm \
                e.g. p.m. -x- x- -- Côte-d’Ivoire St.-Louis. — Reykjavík, Élysée ñandú ² -. .5 €";
    let tokens = tokenize(text);
    // and with the words' keys read beforehand, in this text or in it in capitals, as the
    // tagger hands them on
    for read_in in [
        None,
        Some(text.to_string()),
        Some(text.to_ascii_uppercase()),
    ] {
        let word_keys: Vec<WordKey> = match &read_in {
            Some(read_in) => tokens
                .iter()
                .map(|t| WordKey::of(t.text(read_in).as_bytes()))
                .collect(),
            None => Vec::new(),
        };
        let ids: Vec<u32> = (0..word_keys.len() as u32).collect();
        let known = KnownWords {
            ids: &ids,
            keys: &word_keys,
            classes: &[],
        };
        let (mut pieces, mut keys, mut more) = Default::default();
        make_pieces(
            text,
            &tokens,
            (&mut pieces, &mut keys, &mut more),
            known,
            (start_rule(), &mut Vec::new()),
        );
        let made: Vec<_> = pieces
            .iter()
            .map(|p| {
                (
                    p.token,
                    p.start,
                    p.end,
                    p.key(&keys).to_vec(),
                    p.hash,
                    p.joint,
                    p.first,
                )
            })
            .collect();
        assert_eq!(made, plain_pieces(text, &tokens), "{read_in:?}");
    }
}

/// A word the memos keep is its bytes padded with zeros and its length in the last byte, as
/// copying them into zeroed machine words makes it, at every length (the words of eight bytes
/// or fewer are made apart).
#[test]
fn memo_words_are_their_bytes_and_length() {
    let text = "abcdefghijklmnopqrstuvwxyz\u{e9}";
    for end in 0..=text.len() {
        let Some(word) = text.get(..end) else {
            continue;
        };
        let got = MemoWord::new(word);
        if end > MEMO_WORD {
            assert!(got.is_none(), "{word}");
            continue;
        }
        let mut bytes = [0u8; 24];
        bytes[..end].copy_from_slice(word.as_bytes());
        bytes[23] = end as u8;
        let k = |i: usize| u64::from_le_bytes(bytes[i * 8..i * 8 + 8].try_into().unwrap());
        assert!(got == Some(MemoWord([k(0), k(1), k(2)])), "{word}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// The classes kept by word are those of `Lexicon::classes`, whichever of two lexicons asks
    /// first, and in whatever order the tokens are asked for.
    #[test]
    fn token_classes_are_the_classes(
        parts in proptest::collection::vec((0..PIECES.len(), 0..JOINS.len()), 0..40),
        asks in proptest::collection::vec((0..40usize, proptest::bool::ANY), 0..80),
    ) {
        static USER: LazyLock<Lexicon> = LazyLock::new(|| {
            Lexicon::with_user_text("word\tYork\tsurname\t\t\nword\tnew\tgiven\t\t\n")
                .expect("valid")
        });
        let text = joined(&parts);
        let tokens = tokenize(&text);
        // the same text, the same id, as the tagger's memo gives them
        let words: Vec<&str> = tokens.iter().map(|t| t.text(&text)).collect();
        let ids: Vec<u32> = words
            .iter()
            .map(|w| words.iter().position(|x| x == w).unwrap_or(0) as u32)
            .collect();
        let classes = vec![KnownClasses::default(); tokens.len()];
        let known = KnownWords { ids: &ids, keys: &[], classes: &classes };
        for (token, user) in asks {
            let Some(word) = words.get(token) else { continue };
            let lex: &Lexicon = if user { &USER } else { Lexicon::builtin() };
            proptest::prop_assert_eq!(lex.token_classes(|| *word, known, token), lex.classes(word));
        }
    }
}

/// The hash table of a word list's keys finds each key's first row, as a search of the
/// sorted rows does, and no row for a key the list does not have.
#[test]
fn word_list_slots_find_the_rows_a_search_finds() {
    let lex = Lexicon::builtin();
    for t in &lex.words {
        assert!(t.key_slots.is_some(), "built-in word lists have slots");
        let mut last = String::new();
        for n in 0..t.starts.len() {
            let k = index::phrase_key(t.row(n));
            if k == last {
                continue;
            }
            let h = hash_more(HASH_START, k.as_bytes());
            let found: Vec<&str> = t.rows_hashed(k.as_bytes(), h).collect();
            let searched: Vec<&str> = t.rows_equal(k.as_bytes()).collect();
            assert_eq!(found, searched, "`{k}`");
            assert_eq!(found.first(), Some(&t.row(n)), "`{k}`");
            last = k;
        }
        for k in ["qwzx", "reporters said", "zzzzzzzzzzzzzzzzzzzz", "é"] {
            let h = hash_more(HASH_START, k.as_bytes());
            assert_eq!(t.rows_hashed(k.as_bytes(), h).count(), 0, "`{k}`");
        }
    }
    // a user's list of words has its own
    let user = Lexicon::with_user_text("word\tZorblax\tsurname\t1\t\n").expect("valid entry");
    assert!(user.classes("Zorblax").contains(WordClass::SURNAME));
}
