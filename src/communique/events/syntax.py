"""Parse helpers for the event coder: subjects through control and coordination, argument
phrases, and the word classes that decide whether a phrase can be an actor.

Kept apart from the coder so that the rules that read the dependency parse are small,
named and testable; all of them are cheap (a few hops up or down the tree).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..actors.naming import ORG_NOUNS, PERSON_NOUNS

SUBJECTS = ("nsubj", "nsubjpass")
NEGATIONS = {"not", "n't", "never", "no", "nt"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo", "’ll"}
HYPOTHETICAL_MODALS = {"could", "may", "might", "should", "can", "ca", "must", "would",
                       "ought"}
FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"}
RELATIVES = {"who", "which", "that", "whom", "whose"}
#: named-entity labels of the actor stage that stand for actors (not dates, sums, ...)
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRON", "NOUN"}
STATE_LABELS = {"GPE", "NORP", "ORG"}

#: common nouns that denote people, groups, states or institutions: they can act
GROUP_NOUNS = {
    "government", "regime", "administration", "authority", "official", "minister", "leader",
    "army", "military", "force", "troop", "soldier", "police", "policeman", "officer",
    "militant", "rebel", "insurgent", "fighter", "gunman", "militia", "jihadist", "terrorist",
    "extremist", "protester", "protestor", "demonstrator", "activist", "worker", "student",
    "farmer", "people", "civilian", "resident", "villager", "refugee", "migrant", "prisoner",
    "detainee", "hostage", "captive", "journalist", "opposition", "lawmaker", "legislator",
    "court", "judge", "prosecutor", "ministry", "agency", "embassy", "diplomat", "envoy",
    "delegation", "country", "nation", "state", "ally", "partner", "neighbor", "neighbour",
    "coalition", "alliance", "bloc", "union", "group", "organization", "organisation",
    "movement", "faction", "tribe", "community", "member", "crew", "sailor", "pilot",
    "marine", "commander", "mercenary", "separatist", "guerrilla", "cartel", "gang",
    "smuggler", "trafficker", "bank", "inspector", "observer", "monitor", "peacekeeper",
    "staff", "personnel", "employee", "child", "family", "victim", "citizen", "national",
    "supporter", "youth", "teacher", "doctor", "nurse", "miner", "trucker", "driver",
    "militiaman", "insurgency", "junta", "parliament", "congress", "senate", "cabinet",
    "council", "committee", "commission", "department", "office", "company", "firm",
    "premier", "chancellor", "president", "spokesman", "spokeswoman", "spokesperson",
    "counterpart", "host", "crowd", "mob", "settler", "pilgrim", "tourist", "man", "woman",
    "boy", "girl", "suspect", "defendant", "soldiery", "contingent", "battalion", "unit",
    "squad", "brigade", "division", "navy", "guard", "coastguard", "regiment", "colleague",
    "rival", "politician", "lawyer", "dissident", "critic", "defector",
    "islamist", "chief", "authorities", "hacker", "bomber", "sniper", "opponent",
    "institution", "lender", "donor", "mission", "delegate",
}
ACTOR_NOUNS = GROUP_NOUNS | PERSON_NOUNS | ORG_NOUNS
#: nouns standing for a number of something: "hundreds of banks" acts as "banks"
QUANTITY_NOUNS = {"hundred", "thousand", "dozen", "dozens", "hundreds", "thousands", "score",
                  "number", "million", "group", "some", "many", "all", "most", "several",
                  "one", "two", "three", "four", "five", "ten", "rest", "majority", "team",
                  "delegation", "contingent", "batch", "wave", "member", "pocket",
                  "remnant"}
#: people who protest, strike or march (PROTEST is civilian collective action)
CROWD_NOUNS = {"protester", "protestor", "demonstrator", "worker", "student", "farmer",
               "teacher", "doctor", "nurse", "driver", "trucker", "employee", "union",
               "activist", "supporter", "people", "thousand", "thousands", "hundred",
               "hundreds", "dozen", "crowd", "resident", "citizen", "opposition", "miner",
               "villager", "youth", "woman", "member", "mob", "pilgrim", "rioter", "fan",
               "voter", "pensioner", "veteran", "staff"}
#: things that are attacked besides actors: places, buildings, vehicles
TARGET_NOUNS = {"position", "base", "target", "village", "town", "city", "area", "convoy",
                "building", "headquarters", "depot", "camp", "checkpoint", "stronghold",
                "outpost", "facility", "compound", "hospital", "school", "market", "vessel",
                "ship", "plane", "aircraft", "airport", "port", "bridge", "region",
                "province", "district", "neighborhood", "neighbourhood", "infrastructure",
                "plant", "site", "home", "house", "hideout", "post", "station", "embassy",
                "consulate", "tanker", "boat", "vehicle", "bus", "train", "capital",
                "territory", "border", "office", "mosque", "church", "line", "enclave",
                "suburb", "refinery", "oilfield", "field", "pipeline", "barracks",
                "monastery", "temple", "shrine", "cathedral", "synagogue"}


def unnamed_name(tok: Token) -> bool:
    """A proper noun the entity recogniser missed ("Modi will meet ..."): a name all the
    same, when capitalised and not a date, month or weekday."""
    return (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper()
            and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"))


def has_child(tok: Token, deps: tuple[str, ...] | set[str]) -> bool:
    return any(c.dep_ in deps for c in tok.children)


def children(tok: Token, deps: tuple[str, ...] | set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    """Passive voice, also for a participle coordinated with a passive ("was shot and
    KILLED by")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "acl" and (verb.tag_ == "VBN" or has_child(verb, ("agent",))):
        return True  # "the journalist TAKEN hostage by X" (the small model may tag it VBD)
    if hyphen_agent(verb) is not None:  # "US-backed fighters": backed by the US
        return True
    return (verb.tag_ == "VBN" and verb.dep_ == "conj" and not has_child(verb, ("nsubj",))
            and verb.head.pos_ == "VERB" and is_passive(verb.head))


def pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def preps(tok: Token, words: set[str] | frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions ``words`` ("attack ON Kyiv" -> Kyiv)."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in words:
            for p in pobjs(c):
                if p.ent_type_ not in ("DATE", "TIME"):
                    out.append(p)
    return out


def direct_object(verb: Token) -> Token | None:
    """The affected entity of a verb: its direct object, or the passive subject."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    if verb.dep_ == "acl" and is_passive(verb):  # "the missiles fired by ..."
        return verb.head
    if hyphen_agent(verb) is not None:  # "US-backed FIGHTERS"
        return verb.head
    if verb.dep_ == "relcl" and has_child(verb, ("nsubj",)) and verb.head.pos_ in (
            "NOUN", "PROPN"):
        return verb.head  # "the records that Trump released"
    # the small model's usual misparse of "accept refugees fleeing X": the object is
    # made the subject of a gerund clause
    for c in verb.children:
        if c.dep_ == "ccomp" and c.tag_ == "VBG":
            for s in c.children:
                if s.dep_ == "nsubj" and s.i > verb.i and s.pos_ in ("NOUN", "PROPN"):
                    return s
    return None


def agent_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in pobjs(c):
                return p
    return hyphen_agent(verb)


def hyphen_agent(verb: Token) -> Token | None:
    """The agent of a hyphenated participle modifying a noun: "US" in "US-backed
    fighters", "Iran" in "Iran-funded militias"; None for other participles."""
    if verb.tag_ != "VBN" or verb.dep_ != "amod" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if not any(c.tag_ == "HYPH" and c.i == verb.i - 1 for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i == verb.i - 2:
            return c
    return None


def complement(verb: Token) -> Token | None:
    """A clausal complement: "agreed TO WITHDRAW", "said THAT ...", "called for X TO STAY"."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp"):
            return c
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > verb.i and any(
                a.dep_ == "aux" and a.tag_ == "TO" for a in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ in ("to", "for", "on", "from", "of"):
            for p in c.children:
                if p.dep_ == "pcomp" and p.tag_ == "VBG":
                    return p
    return None


def subject(verb: Token, max_hops: int = 6) -> tuple[Token | None, list[str]]:
    """The subject a verb or adjective is predicated of, following control and coordination.

    "agreed to withdraw" (xcomp), "attacked and killed" (conj), ", killing 17" (participle
    adverbial), "by providing" (gerund after a preposition) share the subject above them;
    an object-control verb passes its object ("urged Israel to stop" -> Israel).
    Returns the subject token and the steps taken (for ``events explain``).
    """
    path: list[str] = []
    cur = verb
    for hop in range(max_hops):
        if hop == 0 and cur.pos_ == "VERB" and not has_child(cur, SUBJECTS):
            # the small model's misparse of "If Turkey attacks Greece": the subject is
            # taken for a compound of the verb
            for c in cur.children:
                if c.dep_ == "compound" and c.i < cur.i and c.ent_type_ in (
                        "GPE", "ORG", "NORP", "PERSON"):
                    path.append(f"'{c.text}' misparsed as a compound: the subject")
                    return c, path
        if hop == 0 and not has_child(cur, SUBJECTS):
            # the small model's misparse of "X and Y have opposed": the subject hangs on
            # the auxiliary
            for a in cur.children:
                s = next((c for c in a.children if c.dep_ in SUBJECTS), None)
                if a.dep_ == "aux" and s is not None and s.i < cur.i:
                    path.append(f"'{s.text}' parsed under the auxiliary '{a.text}'")
                    return s, path
        for c in cur.children:
            if c.dep_ in SUBJECTS:
                if c.lower_ in RELATIVES and cur.dep_ == "relcl":
                    path.append(f"relative '{c.text}' -> '{cur.head.text}'")
                    return cur.head, path
                return c, path
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
            if _infinitive(cur):  # headline "Macron to visit China" parsed as a relative
                path.append(f"headline infinitive: '{cur.head.text}' acts")
                return cur.head, path
            return None, path
        head = cur.head
        if head.i == cur.i:
            return None, path
        dep = cur.dep_
        if dep == "xcomp" or (dep == "advcl" and _infinitive(cur)):
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative") and c.i < cur.i]
            if objs and head.lemma_ not in ("promise", "vow") and _controller(objs[0]):
                path.append(f"object control of '{head.text}'")
                return objs[0], path
            path.append(f"{dep} of '{head.text}'")
            cur = head
            continue
        if dep == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
            path.append(f"conjoined with '{head.text}'")
            cur = head
            continue
        if dep == "advcl" and cur.tag_ in ("VBG", "VBN") and not has_child(cur, ("mark",)):
            path.append(f"participle of '{head.text}'")
            cur = head
            continue
        if dep == "pcomp" and cur.tag_ == "VBG" and head.dep_ == "prep":
            # "criticised X FOR shooting", "accused X OF attacking": the object acts
            objs = [c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i]
            if head.lower_ in ("for", "of") and objs:
                path.append(f"object of '{head.head.text}' does what it is blamed for")
                return objs[0], path
            path.append(f"gerund after '{head.text}'")
            cur = head.head
            continue
        if dep == "acl" and cur.tag_ == "VBG":
            path.append(f"participle modifying '{head.text}'")
            return head, path
        if dep in ("acomp", "oprd") and head.pos_ in ("VERB", "AUX"):
            cur = head
            continue
        return None, path
    return None, path


def _controller(obj: Token) -> bool:
    """An object that can do what the infinitive says ("urged ISRAEL to stop"); a thing
    cannot ("launched OPERATIONS to detain", "provided FUNDS to rebuild"): the subject
    above does it."""
    return obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or \
        obj.lemma_.lower() in ACTOR_NOUNS or obj.lemma_.lower() in QUANTITY_NOUNS


def _infinitive(tok: Token) -> bool:
    return any(a.dep_ == "aux" and a.tag_ == "TO" for a in tok.children)


#: dependents that are not part of an argument phrase: clauses and adverbials attached to
#: the noun ("forces ON TUESDAY", "a decision TO REINSTATE ..."); of the prepositional
#: phrases only "of", "in", "from" and "for" ones stay ("envoy OF Iran", "rebels IN Idlib")
PHRASE_DROP = {"relcl", "acl", "advmod", "npadvmod", "advcl", "parataxis", "preconj"}
PHRASE_PREPS = {"of", "in", "from", "for"}
PAIR_WORDS = {"both", "either", "neither"}


def phrase_span(head: Token, *, split_conj: bool = True) -> tuple[int, int]:
    """Token range of an argument phrase: the head with its determiners, modifiers, some
    prepositional phrases and appositions ("Venezuela's president, Nicolas Maduro"),
    without relative or participial clauses, other prepositional phrases, or conjuncts when
    ``split_conj`` (each conjunct is then its own argument)."""
    drop = PHRASE_DROP | ({"conj", "cc"} if split_conj else set())
    keep = [head]
    stack = []
    for c in head.children:
        dep = c.dep_
        if dep in drop or (dep == "prep" and c.lower_ not in PHRASE_PREPS):
            continue
        if dep == "punct":
            if c.text in "()" or (c.text == "," and any(
                    a.dep_ == "appos" and abs(a.i - c.i) <= 2 for a in head.children)):
                keep.append(c)
            continue
        if c.ent_type_ in ("DATE", "TIME") and c.i > head.i:
            continue
        if split_conj and c.lower_ in PAIR_WORDS and has_child(head, ("conj",)):
            continue  # "both India and Pakistan": "both" belongs to the pair, not to India
        stack.append(c)
    while stack:
        c = stack.pop()
        keep.append(c)
        stack.extend(g for g in c.children if g.dep_ not in ("relcl",))
    keep.sort(key=lambda t: t.i)
    lo = keep.index(head)
    hi = lo
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    toks = keep[lo:hi + 1]
    while toks and toks[-1] is not head and (
            (toks[-1].is_punct and toks[-1].text != ")") or toks[-1].tag_ == "POS"):
        toks.pop()
    while toks and toks[0].is_punct and toks[0] is not head:
        toks.pop(0)
    end = toks[-1].i + 1
    # an opened parenthesis closes inside the phrase even when the parser hung ")" on the
    # verb: "the Popular Youth Front of Sinai (PYFS)"
    doc = head.doc
    if end < len(doc) and doc[end].text == ")" and \
            sum(t.text == "(" for t in toks) > sum(t.text == ")" for t in toks):
        end += 1
    return toks[0].i, end


def conjuncts(tok: Token) -> list[Token]:
    """The token and the phrases coordinated with it, in order ("Iran, North Korea and China")."""
    return [tok] + [c for c in tok.conjuncts if c.i > tok.i]
