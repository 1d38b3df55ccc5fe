"""A synthetic news corpus for tests and benchmarks, deterministic for a given seed.

Real corpora cannot ship with the project and are too uneven to measure against, so this
generator writes wire-style articles from its own phrase lists: datelines, officials of
states and international bodies, quotes of every form (direct, split, mixed, indirect,
pronoun-attributed, joint, unattributed) and event sentences of every PLOVER type. A share
of articles are wire copies of an earlier story with small edits (another agency's
dateline, a dropped or reworded sentence, a tagline), so near-duplicate linking can be
checked: each record carries the ``story`` it was generated from.

Everything streams: ``generate(n)`` holds only a small window of recent stories, so any
``n`` fits in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# --- who --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    surname: str
    role: str  # as written before the name: "French President"
    country: str  # country name as written
    pronoun: str  # "he" / "she"


@dataclass(frozen=True, slots=True)
class _Country:
    name: str  # as written in running text ("the United States")
    adjective: str
    capital: str


# Office holders as of 2023 (the generator dates its articles in 2023).
PEOPLE = (
    _Person("Emmanuel Macron", "Macron", "French President", "France", "he"),
    _Person("Olaf Scholz", "Scholz", "German Chancellor", "Germany", "he"),
    _Person("Antony Blinken", "Blinken", "U.S. Secretary of State", "the United States", "he"),
    _Person("Sergei Lavrov", "Lavrov", "Russian Foreign Minister", "Russia", "he"),
    _Person("Wang Yi", "Wang", "Chinese Foreign Minister", "China", "he"),
    _Person("Volodymyr Zelenskiy", "Zelenskiy", "Ukrainian President", "Ukraine", "he"),
    _Person("Recep Tayyip Erdogan", "Erdogan", "Turkish President", "Turkey", "he"),
    _Person("Narendra Modi", "Modi", "Indian Prime Minister", "India", "he"),
    _Person("Cyril Ramaphosa", "Ramaphosa", "South African President", "South Africa", "he"),
    _Person("Antonio Guterres", "Guterres", "U.N. Secretary-General", "the United Nations",
            "he"),
    _Person("Jens Stoltenberg", "Stoltenberg", "NATO Secretary-General", "NATO", "he"),
    _Person("Ursula von der Leyen", "von der Leyen", "European Commission President",
            "the European Union", "she"),
    _Person("Annalena Baerbock", "Baerbock", "German Foreign Minister", "Germany", "she"),
    _Person("Giorgia Meloni", "Meloni", "Italian Prime Minister", "Italy", "she"),
    _Person("Fumio Kishida", "Kishida", "Japanese Prime Minister", "Japan", "he"),
    _Person("Luiz Inacio Lula da Silva", "Lula", "Brazilian President", "Brazil", "he"),
    _Person("Mia Mottley", "Mottley", "Barbados Prime Minister", "Barbados", "she"),
    _Person("Jacinda Ardern", "Ardern", "New Zealand Prime Minister", "New Zealand", "she"),
    _Person("Rishi Sunak", "Sunak", "British Prime Minister", "Britain", "he"),
    _Person("James Cleverly", "Cleverly", "British Foreign Secretary", "Britain", "he"),
    _Person("Hakan Fidan", "Fidan", "Turkish Foreign Minister", "Turkey", "he"),
    _Person("Subrahmanyam Jaishankar", "Jaishankar", "Indian Foreign Minister", "India", "he"),
    _Person("Naledi Pandor", "Pandor", "South African Foreign Minister", "South Africa", "she"),
    _Person("Josep Borrell", "Borrell", "EU foreign policy chief", "the European Union", "he"),
    _Person("Tedros Adhanom Ghebreyesus", "Tedros", "WHO Director-General",
            "the World Health Organization", "he"),
    _Person("Kristalina Georgieva", "Georgieva", "IMF Managing Director",
            "the International Monetary Fund", "she"),
    _Person("Rafael Grossi", "Grossi", "IAEA Director General",
            "the International Atomic Energy Agency", "he"),
    _Person("Moussa Faki Mahamat", "Faki", "African Union Commission chairman",
            "the African Union", "he"),
    _Person("Anwar Ibrahim", "Anwar", "Malaysian Prime Minister", "Malaysia", "he"),
    _Person("Bola Tinubu", "Tinubu", "Nigerian President", "Nigeria", "he"),
    _Person("William Ruto", "Ruto", "Kenyan President", "Kenya", "he"),
    _Person("Gustavo Petro", "Petro", "Colombian President", "Colombia", "he"),
    _Person("Andres Manuel Lopez Obrador", "Lopez Obrador", "Mexican President", "Mexico",
            "he"),
    _Person("Pedro Sanchez", "Sanchez", "Spanish Prime Minister", "Spain", "he"),
    _Person("Mark Rutte", "Rutte", "Dutch Prime Minister", "the Netherlands", "he"),
    _Person("Kaja Kallas", "Kallas", "Estonian Prime Minister", "Estonia", "she"),
    _Person("Penny Wong", "Wong", "Australian Foreign Minister", "Australia", "she"),
    _Person("Yoon Suk Yeol", "Yoon", "South Korean President", "South Korea", "he"),
)

COUNTRIES = (
    _Country("France", "French", "Paris"), _Country("Germany", "German", "Berlin"),
    _Country("the United States", "U.S.", "Washington"), _Country("Russia", "Russian", "Moscow"),
    _Country("China", "Chinese", "Beijing"), _Country("Ukraine", "Ukrainian", "Kyiv"),
    _Country("Turkey", "Turkish", "Ankara"), _Country("India", "Indian", "New Delhi"),
    _Country("South Africa", "South African", "Pretoria"), _Country("Japan", "Japanese", "Tokyo"),
    _Country("Brazil", "Brazilian", "Brasilia"), _Country("Italy", "Italian", "Rome"),
    _Country("Britain", "British", "London"), _Country("Iran", "Iranian", "Tehran"),
    _Country("Israel", "Israeli", "Jerusalem"), _Country("Egypt", "Egyptian", "Cairo"),
    _Country("Nigeria", "Nigerian", "Abuja"), _Country("Kenya", "Kenyan", "Nairobi"),
    _Country("Ethiopia", "Ethiopian", "Addis Ababa"), _Country("Sudan", "Sudanese", "Khartoum"),
    _Country("Mexico", "Mexican", "Mexico City"), _Country("Colombia", "Colombian", "Bogota"),
    _Country("Venezuela", "Venezuelan", "Caracas"), _Country("Poland", "Polish", "Warsaw"),
    _Country("Serbia", "Serbian", "Belgrade"), _Country("Kosovo", "Kosovar", "Pristina"),
    _Country("Armenia", "Armenian", "Yerevan"), _Country("Azerbaijan", "Azerbaijani", "Baku"),
    _Country("Pakistan", "Pakistani", "Islamabad"), _Country("Afghanistan", "Afghan", "Kabul"),
    _Country("Indonesia", "Indonesian", "Jakarta"), _Country("Vietnam", "Vietnamese", "Hanoi"),
    _Country("the Philippines", "Philippine", "Manila"),
    _Country("South Korea", "South Korean", "Seoul"),
    _Country("North Korea", "North Korean", "Pyongyang"),
    _Country("Saudi Arabia", "Saudi", "Riyadh"), _Country("Qatar", "Qatari", "Doha"),
    _Country("Niger", "Nigerien", "Niamey"), _Country("Mali", "Malian", "Bamako"),
    _Country("Chile", "Chilean", "Santiago"), _Country("Argentina", "Argentine", "Buenos Aires"),
)

ORGANISATIONS = ("NATO", "the European Union", "the United Nations", "the African Union",
                 "ASEAN", "the World Health Organization", "the International Monetary Fund",
                 "the World Bank", "the U.N. Security Council", "the Red Cross")

AGENCIES = ("Global Wire", "Meridian News", "Continental Press", "Harbour Agency",
            "Northlight Media", "Atlas Newsroom")

TOPICS = (
    ("grain exports", "the Black Sea corridor"), ("the ceasefire", "the front line"),
    ("energy prices", "gas supplies"), ("climate finance", "the coming summit"),
    ("migration", "border crossings"), ("the nuclear programme", "uranium enrichment"),
    ("debt relief", "the loan programme"), ("the trade dispute", "tariffs on steel"),
    ("the election", "the disputed vote count"), ("maritime security", "the shipping lanes"),
    ("the refugee crisis", "camps near the border"), ("vaccine supplies", "the outbreak"),
    ("critical minerals", "lithium mining"), ("the peace talks", "a prisoner exchange"),
    ("cyber attacks", "the power grid"), ("food security", "fertiliser shortages"),
    ("arms control", "missile tests"), ("the drought", "water rights on the river"),
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --- what they say -------------------------------------------------------------------------

CLAIMS = (
    "the talks on {topic} had been frank but useful",
    "there could be no lasting peace without justice for the victims",
    "{country} would not accept any deal that ignored {detail}",
    "the window for diplomacy on {topic} was closing fast",
    "both sides had a responsibility to protect civilians",
    "{org} stood ready to help with {detail}",
    "the decision on {topic} would be taken in the coming weeks",
    "the measures were a direct response to {detail}",
    "nobody should doubt our commitment to {topic}",
    "the situation around {detail} remained extremely fragile",
    "we expect concrete steps, not more promises, on {topic}",
    "the agreement on {topic} was a first step and much work remained",
    "the government would continue to defend its interests on {topic}",
    "the international community had failed the people affected by {detail}",
    "sanctions alone would not resolve {topic}",
    "the proposal on {detail} deserved serious consideration",
)

SHORT = ("constructive", "deeply worrying", "unacceptable", "a turning point", "premature",
         "a serious mistake", "encouraging", "long overdue", "irresponsible", "historic")

SAY = ("said", "told reporters", "said in a statement", "told a news conference",
       "wrote on social media", "said in an interview")
SAY_INDIRECT = ("said", "told reporters", "warned", "insisted", "argued", "stressed",
                "acknowledged", "added")

# --- what they do: one template list per PLOVER type ---------------------------------------

EVENTS = {
    "CONSULT": ("{a} met {b_person} in {city} on {day} to discuss {topic}.",
                "{a} held talks with {b} on {topic} during a visit to {city}.",
                "{a} spoke by telephone with {b_person} about {detail}."),
    "AGREE": ("{a} and {b} agreed to resume negotiations on {topic}.",
              "{a} promised to work with {b} on {detail}."),
    "SUPPORT": ("{a} praised {b} for its handling of {topic}.",
                "{a} and {b} signed an agreement on {topic} in {city}."),
    "CONCEDE": ("{a} eased restrictions on {detail} after weeks of pressure from {b}.",
                "{a} apologised to {b} for remarks about {topic}."),
    "COOPERATE": ("{a} and {b} began joint naval exercises near {detail}.",
                  "{a} agreed to share intelligence with {b} on {topic}."),
    "AID": ("{a} pledged ${n} million in humanitarian aid to {b}.",
            "{a} sent {n} tonnes of food and medicine to {b}."),
    "RETREAT": ("{a} released {n} detainees held in connection with {topic}.",
                "{a} withdrew troops from positions near {detail}."),
    "REQUEST": ("{a} called on {b} to allow aid workers access to {detail}.",
                "{a} urged {b} to return to talks on {topic}."),
    "ACCUSE": ("{a} condemned {b} over {detail}.",
               "{a} accused {b} of violating the agreement on {topic}."),
    "REJECT": ("{a} rejected a proposal by {b} on {topic}.",
               "{a} refused to withdraw its demands on {detail}."),
    "THREATEN": ("{a} threatened to expel diplomats from {b} over {topic}.",
                 "{a} warned {b} of consequences if it went ahead with {detail}."),
    "PROTEST": ("Thousands of people protested in {city} against {topic}.",
                "Workers went on strike in {city} over {detail}."),
    "SANCTION": ("{a} imposed sanctions on {b} over {topic}.",
                 "{a} expelled {n} diplomats from {b}."),
    "MOBILIZE": ("{a} deployed additional troops near the border with {b}.",
                 "{a} put its air defences on high alert after {detail}."),
    "COERCE": ("Police in {city} arrested {n} activists protesting against {topic}.",
               "{a} seized a cargo ship linked to {b}."),
    "ASSAULT": ("Missiles struck {city} overnight, killing at least {n} people.",
                "Fighting between {a} forces and rebels near {detail} killed {n} soldiers."),
}

BACKGROUND = (
    "The dispute over {topic} has strained relations for more than a year.",
    "Officials from both governments have met several times since the spring without a "
    "breakthrough on {detail}.",
    "Earlier this month, {org} published a report on {detail} that drew criticism from "
    "several capitals.",
    "Negotiators in {city} worked late into the night on a draft text covering {topic}.",
    "The issue of {detail} is expected to dominate the agenda of the next ministerial "
    "meeting.",
    "Prices linked to {topic} rose sharply after the announcement, traders said.",
    "Aid agencies have repeatedly warned that {detail} could worsen without a deal.",
    "Opposition lawmakers in {country} have demanded a parliamentary inquiry into {topic}.",
)

CLOSERS = (
    "The talks are expected to continue next week.",
    "Officials did not say when a final decision would be made.",
    "Diplomats said further meetings were planned before the end of the month.",
    "The ministry did not respond to a request for comment.",
    "Analysts said the outcome would shape the region for years.",
    "A spokesperson declined to give further details.",
)

# --- assembling articles -------------------------------------------------------------------


def _fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    values = dict(ctx)
    values["n"] = str(rng.choice((3, 5, 12, 20, 40, 75, 120, 250, 500)))
    values["day"] = rng.choice(WEEKDAYS)
    return template.format(**values)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _quote(rng: random.Random, speaker: _Person, other: _Person, ctx: dict[str, str]) -> str:
    """One quotation in a form drawn at random, attributed (or not) to ``speaker``."""
    claim = _fill(rng, rng.choice(CLAIMS), ctx)
    first = f"{speaker.role} {speaker.name}" if rng.random() < 0.5 else speaker.name
    form = rng.randrange(9)
    if form == 0:  # direct, cue after
        return f"\u201c{_cap(claim)},\u201d {first} {rng.choice(SAY)}."
    if form == 1:  # direct, cue before
        return f"{first} {rng.choice(SAY)}: \u201c{_cap(claim)}.\u201d"
    if form == 2:  # split direct quote
        second = _fill(rng, rng.choice(CLAIMS), ctx)
        return (f"\u201c{_cap(claim)},\u201d said {speaker.surname}. "
                f"\u201c{_cap(second)}.\u201d")
    if form == 3:  # mixed: partial quote inside reported speech
        return (f"{first} described the latest move on {ctx['topic']} as "
                f"\u201c{rng.choice(SHORT)}\u201d and said {claim}.")
    if form == 4:  # indirect
        return f"{first} {rng.choice(SAY_INDIRECT)} that {claim}."
    if form == 5:  # pronoun-attributed, after a naming sentence
        return (f"{first} arrived in {ctx['city']} on {rng.choice(WEEKDAYS)}. "
                f"{_cap(speaker.pronoun)} said {claim}.")
    if form == 6:  # joint statement
        return (f"{speaker.name} and {other.name} said in a joint statement that {claim}.")
    if form == 7:  # according to
        return f"According to {speaker.name}, {claim}."
    # unattributed
    return f"\u201c{_cap(claim)},\u201d a senior official said on condition of anonymity."


def _title(rng: random.Random, a: str, b: str, topic: str) -> str:
    pattern = rng.choice(("{a} and {b} at odds over {t}", "{a} presses {b} on {t}",
                          "Talks on {t} stall as {a} and {b} trade blame",
                          "{a} signals shift on {t}", "New push on {t} as {a} meets {b}"))
    return _cap(pattern.format(a=a, b=b, t=topic))


def _story(rng: random.Random, date: dt.date) -> tuple[str, list[str]]:
    """A title and the sentences of a new story."""
    speaker, other = rng.sample(PEOPLE, 2)
    c1, c2 = rng.sample(COUNTRIES, 2)
    topic, detail = rng.choice(TOPICS)
    ctx = {"topic": topic, "detail": detail, "country": c1.name, "org": rng.choice(ORGANISATIONS),
           "city": rng.choice((c1.capital, c2.capital, "Geneva", "Brussels", "New York"))}
    sentences: list[str] = []
    lead_type = rng.choice(sorted(EVENTS))
    roles = {"a": _cap(c1.name), "b": c2.name, "b_person": f"{other.role} {other.name}"}
    sentences.append(_fill(rng, rng.choice(EVENTS[lead_type]), ctx | roles))
    background = rng.sample(BACKGROUND, 4)
    sentences.append(_fill(rng, background.pop(), ctx))
    for _ in range(rng.randint(3, 6)):
        sentences.append(_quote(rng, rng.choice((speaker, other)),
                                rng.choice((speaker, other)), ctx))
        if rng.random() < 0.7:
            a, b = rng.sample(COUNTRIES, 2)
            actor = rng.choice((_cap(a.name), speaker.name, _cap(rng.choice(ORGANISATIONS))))
            more = {"a": actor, "b": b.name, "b_person": f"{other.role} {other.name}",
                    "city": rng.choice((a.capital, b.capital))}
            sentences.append(_fill(rng, rng.choice(EVENTS[rng.choice(sorted(EVENTS))]),
                                   ctx | more))
        if background and rng.random() < 0.4:
            sentences.append(_fill(rng, background.pop(), ctx))
    sentences.append(rng.choice(CLOSERS))
    title = _title(rng, c1.name.removeprefix("the "), c2.name.removeprefix("the "), topic)
    return title, sentences


def _render(sentences: list[str], city: str, date: dt.date, agency: str) -> str:
    dateline = f"{city.upper()}, {date.strftime('%B')} {date.day} ({agency}) - "
    paragraphs, current = [], []
    for s in sentences:
        current.append(s)
        if len(current) >= 2:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    paragraphs[0] = dateline + paragraphs[0]
    return "\n\n".join(paragraphs) + "\n"


def _edit(rng: random.Random, sentences: list[str]) -> list[str]:
    """A wire copy's small edits: drop, reword or add one sentence."""
    out = list(sentences)
    kind = rng.randrange(3)
    if kind == 0 and len(out) > 4:
        del out[rng.randrange(1, len(out) - 1)]
    elif kind == 1:
        i = rng.randrange(len(out))
        out[i] = (out[i].replace(" said ", " stated ", 1) if " said " in out[i]
                  else out[i].replace(" on ", " about ", 1))
    if kind == 2 or out == sentences:  # an edit that changed nothing becomes a tagline
        out.append(rng.choice(("Additional reporting by the regional desk.",
                               "This story has been updated with official comment.",
                               "Editing by the foreign desk.")))
    return out


def generate(n: int, *, seed: int = 0, duplicate_share: float = 0.15,
             start: dt.date = dt.date(2023, 1, 2)) -> Iterator[dict[str, str]]:
    """Yield ``n`` article records (text, title, url, source, published, story).

    About ``duplicate_share`` of them are edited wire copies of one of the last few dozen
    stories; ``story`` names the story a record was generated from.
    """
    rng = random.Random(seed)
    recent: deque[tuple[str, str, list[str], str, dt.date]] = deque(maxlen=40)
    for i in range(n):
        if recent and rng.random() < duplicate_share:
            story, title, sentences, city, date = rng.choice(recent)
            sentences = _edit(rng, sentences)
            date = date + dt.timedelta(days=rng.choice((0, 0, 1)))
        else:
            date = start + dt.timedelta(days=rng.randrange(365))
            title, sentences = _story(rng, date)
            city = rng.choice(COUNTRIES).capital
            story = f"s{i:06d}"
            recent.append((story, title, sentences, city, date))
        agency = rng.choice(AGENCIES)
        slug = agency.lower().replace(" ", "")
        yield {
            "text": _render(sentences, city, date, agency),
            "title": title,
            "url": f"https://{slug}.example/{date.isoformat()}/{i:06d}",
            "source": agency,
            "published": date.isoformat(),
            "story": story,
        }


def write(n: int, out: str | Path, *, seed: int = 0, fmt: str = "json") -> int:
    """Write ``n`` synthetic articles to ``out``: a ``.jsonl``, ``.csv`` or ``.tsv`` file
    (a header row, then one article a row), or a directory with one ``.json`` (or
    ``.txt``) file per article. Returns the number written."""
    out = Path(out)
    records = generate(n, seed=seed)
    count = 0
    if out.suffix in (".csv", ".tsv"):
        import csv

        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as f:
            writer: csv.DictWriter | None = None
            for rec in records:
                if writer is None:
                    writer = csv.DictWriter(f, list(rec), extrasaction="ignore",
                                            delimiter="\t" if out.suffix == ".tsv" else ",")
                    writer.writeheader()
                writer.writerow(rec)
                count += 1
        return count
    if out.suffix in (".jsonl", ".ndjson") or str(out) == "-":
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as f:
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                count += 1
        return count
    out.mkdir(parents=True, exist_ok=True)
    for i, rec in enumerate(records):
        if fmt == "txt":
            (out / f"article-{i:06d}.txt").write_text(rec["text"], encoding="utf-8")
        else:
            (out / f"article-{i:06d}.json").write_text(
                json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
        count += 1
    return count
