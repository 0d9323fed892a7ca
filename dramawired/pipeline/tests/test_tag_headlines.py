"""Headlines and summaries: what makes a capitalised word or phrase a name when the
capitals prove little (a Title Case headline, a one-sentence summary, quotes)."""

import pytest

from dramawired.pipeline.tag import pick_tags


@pytest.mark.parametrize("title, text, wanted, junk", [
    # A dropped g is a verb, a name with -er someone who posts there.
    ("Nadia Brook Is Lovin' Her New Tour Bus", "", {"Nadia Brook"}, {"Lovin"}),
    ("Mirela Ostrova: Teenage TikToker Signs With Label", "Mirela Ostrova is 17.",
     {"Mirela Ostrova"}, {"TikToker"}),
    # Abbreviations are common nouns; words newer than the dictionary made of two old ones.
    ("Grab a 2TB SSD and NVMe Dock for Mirelux Week", "Mirelux sells the SSD.",
     {"Mirelux"}, {"SSD", "NVMe"}),
    ("Corvane Spinoff Boosts Multitasking Fans", "Corvane is the studio.",
     {"Corvane"}, {"Spinoff", "Multitasking"}),
    # A rare verb has its -ed and -ing forms; a name does not.
    ("Corvane Greenlights Second Season Of Glass Harbor", "Nadia Brook stars.",
     {"Corvane", "Nadia Brook"}, {"Corvane Greenlights", "Greenlights"}),
    # An opening quote for an apostrophe leaves a lone "s".
    ("Nadia Brook‘s Wedding Dress Stuns Fans", "Nadia Brook wed in June.",
     {"Nadia Brook"}, {"S"}),
])
def test_words_that_only_look_like_names_in_a_title_case_headline(title, text, wanted,
                                                                  junk):
    tags = set(pick_tags(title, text))
    assert wanted <= tags and not junk & tags, tags


def test_a_summary_cut_off_mid_word_gives_no_fragment_as_a_tag():
    text = ("Jun Harlow spoke to Daybreak Weekly about the record. "
            "Harlow thanked Daybreak Weekly and the Velmora Gaz…")
    tags = pick_tags("Jun Harlow Talks New Album", text)
    assert {"Jun Harlow", "Daybreak Weekly"} <= set(tags)
    assert not any("Gaz" in t for t in tags), tags


def test_a_derived_dictionary_word_in_a_title_case_headline_is_no_name():
    # "pregnant", "iconic", "upcoming": frequent words with no inflections of their own.
    tags = pick_tags("Kiki Blaze Reveals Pregnant Twin Joy in Iconic Upcoming Shoot",
                     "The singer told Harbor Weekly she was thrilled.")
    assert "Harbor Weekly" in tags
    assert not {"Pregnant", "Iconic", "Upcoming"} & set(tags), tags


def test_a_quotation_in_a_title_case_headline_is_no_title_unless_the_story_gives_it():
    said = "Theo Marchetti Says Tour Was 'The Best Night Of My Life'"
    assert "The Best Night Of My Life" not in pick_tags(said, "Theo Marchetti spoke.")
    title = "Nadia Brook Joins 'You Belong to the Tide' Cast"
    text = "Nadia Brook joins the cast of You Belong to the Tide, filming in May."
    assert "You Belong to the Tide" in pick_tags(title, text)


def test_a_headline_name_keeps_a_surname_that_is_also_a_word_and_drops_a_role():
    tags = pick_tags("Ranveer Singh Breaks Silence on Onstage Photoshoot Row",
                     "The actor spoke to Mumbai Police, the Velmora CEO said.")
    assert {"Ranveer Singh", "Mumbai Police", "Velmora"} <= set(tags), tags
    assert not {"Ranveer", "Onstage", "Photoshoot", "Velmora CEO"} & set(tags), tags


def test_a_name_written_in_lower_case_camel_is_a_name():
    text = "Fans bought the iZorb on eBay. Later eBay said the iZorb sold out."
    assert {"iZorb", "eBay"} <= set(pick_tags("Gadget Sells Out Fast", text))


def test_a_headline_of_two_sentences_is_still_title_case():
    title = "Is 'Crown of Ash' Based on a True Story? Here's What We Know About It"
    tags = pick_tags(title, "The Corvane fantasy has viewers asking.")
    assert "Crown of Ash" in tags
    assert not {"True Story", "What We Know"} & set(tags), tags
    said = pick_tags("Theo Marchetti Addresses Rumors: 'It's All Lies'", "He spoke.")
    assert said == ["Theo Marchetti"], said


def test_a_first_name_before_a_word_no_dictionary_knows_is_a_person():
    tags = pick_tags("Gene Zorbekov, Famed Stuntman And Teacher, Dies At 89",
                     "The stuntman trained Dana Whitfield for her first role.")
    assert "Gene Zorbekov" in tags and "Zorbekov" not in tags, tags
    # A first name that is a word, then a frequent word that never inflects: no person
    # ("Marvel" alone is the studio the names table knows).
    assert pick_tags("How Old Marvel Went From Pulp To Glory", "") == ["Marvel"]


@pytest.mark.parametrize("title, text, wanted, junk", [
    # Speech in quotes (a verb, an exclamation) is no title of a work.
    ("Corvane Founder Says Ban 'Is A Bad Call' As Fans Rage", "", {"Corvane"},
     {"Is A Bad Call"}),
    ("'Quiet Hours' Is a Hit: 'Velmora Is Going Wild!'", "", {"Quiet Hours"},
     {"Velmora Is Going Wild!"}),
    # The publisher after the headline is no tag of the story.
    ("Nadia Brook spotted in Kelowna - Harbour Daily News", "Nadia Brook waved.",
     {"Nadia Brook"}, {"Harbour Daily News"}),
    # "Ahead of" opens a sentence-case headline; "Rs" is money.
    ("Ahead of Harvest Lantern Day, Corvane cuts prices to Rs 50", "", {"Corvane"},
     {"Ahead of Harvest Lantern Day", "Rs 50"}),
])
def test_headline_parts_that_are_no_names(title, text, wanted, junk):
    tags = set(pick_tags(title, text))
    assert wanted <= tags and not junk & tags, tags


def test_an_inflected_frequent_word_is_no_name_and_a_quoted_word_before_series_is_one():
    tags = pick_tags("'Marla' Series Finale Draws Lowest Viewership Of Any Velmora Show", "")
    assert "Marla" in tags
    assert not {"Lowest", "Viewership"} & set(tags), tags


def test_descriptions_are_no_tags_and_two_places_joined_by_and_are_two():
    text = ("The Angolan director won in Corvane. Angolan critics cheered, and the Angolan "
            "press agreed. Her R&B-soul score also won. The Velmora band plays Reading "
            "and Leeds next summer; tickets for Leeds and Reading sold out, and Reading added a "
            "date.")
    tags = pick_tags("Director wins at Corvane", text)
    assert {"Corvane", "Reading", "Leeds"} <= set(tags), tags
    assert not {"Angolan", "R&B-soul", "Reading and Leeds", "Leeds and Reading"} & set(tags)


def test_a_camel_case_title_ending_in_ers_is_a_name():
    text = ("The soap EastEnders will be remade for Corvane. Writers of EastEnders agreed, "
            "and EastEnders fans cheered.")
    assert "EastEnders" in pick_tags("Soap set for remake", text)


def test_an_age_after_a_name_and_a_verb_after_a_first_name_are_no_part_of_it():
    tags = pick_tags("Diver Finds Missing Friends Nadia Brook And Jeremy Zorbekov 21 Years "
                     "Later", "")
    assert {"Nadia Brook", "Jeremy Zorbekov"} <= set(tags), tags
    assert not any("Will" in t for t in pick_tags("Hidden Fees Will Be Banned", ""))


def test_a_plural_possessive_opens_a_name_and_an_abbreviation_is_no_tag():
    text = ("The Writers' Guild of Corvane named its winners. The Writers' Guild of "
            "Corvane said DNA tests and a PSA helped. DNA results came later.")
    tags = pick_tags("Guild names winners", text)
    assert any(t.endswith("Writers' Guild of Corvane") for t in tags), tags
    assert not {"DNA", "PSA", "Guild of Corvane"} & set(tags), tags


def test_a_day_named_at_the_start_of_a_headline_is_a_name_but_last_friday_is_none():
    tags = pick_tags("Black Friday sales drop 10% as Corvane shoppers wait", "")
    assert "Black Friday" in tags, tags
    assert not pick_tags("Last Friday the shops were quiet", "")


def test_a_derived_word_the_census_lists_as_a_surname_is_still_a_word():
    assert "Hidden" not in pick_tags("Hidden Fees On Corvane Tickets Will Be Banned", "")


def test_a_dollar_inside_a_name_stays_and_a_season_number_ends_none():
    tags = pick_tags("Z$ane Rocky faces charges after a show in Corvane", "")
    assert "Z$ane Rocky" in tags, tags
    tags = pick_tags("Nadia Brook reveals plans on Coffee with Marlowe Season 7", "")
    assert not any("Season" in t for t in tags), tags
    assert "US$5m" not in "".join(pick_tags("Corvane pays US$5m to Velmora", ""))


def test_two_people_joined_by_a_hyphen_are_two_names():
    text = ("The Jun Harlow-Kareena Marsh starrer opened on Friday. Jun Harlow thanked fans, "
            "and Spider-Man star Tom Holland and Duncan Crabtree-Ireland came.")
    tags = pick_tags("Harlow film opens", text, spares=4)
    assert "Kareena Marsh" in tags and not any("Harlow-Kareena" in t for t in tags), tags
    assert "Duncan Crabtree-Ireland" in tags and not {"Spider", "Man", "Crabtree"} & set(tags)


def test_a_middle_initial_stays_inside_the_name():
    tags = pick_tags("Taraji P. Henson And Kelvin Hayden Get Engaged", "The pair said yes.")
    assert "Taraji P. Henson" in tags and not {"Taraji P", "Henson"} & set(tags), tags
    text = ("George W. Brook spoke first. Later George W. Brook left, and Nadia J. Vale "
            "sang. Nadia J. Vale bowed. They had a Plan B. The crowd stayed.")
    tags = pick_tags("Corvane gala", text)
    assert {"George W. Brook", "Nadia J. Vale"} <= set(tags), tags
    assert not {"W. Brook", "Nadia J", "Plan B. The"} & set(tags), tags


def test_short_months_time_zones_and_jr_are_never_a_tag_alone():
    text = ("Nadia Brook Jr. said on Corvane TV that the show starts on Dec. 5 at 8pm GMT. "
            "Nadia Brook Jr. repeated it on Dec. 6 at 9pm GMT. Jr. fans cheered.")
    tags = pick_tags("Nadia Brook Jr. sets the date", text)
    assert not {"Dec", "GMT", "Jr"} & set(tags), tags


def test_a_known_show_glued_to_a_star_in_a_headline_is_two_tags():
    tags = pick_tags("Dancing With The Stars Mirela Ostrova arrives for rehearsals",
                     "Mirela Ostrova joined Dancing With The Stars this week.")
    assert {"Mirela Ostrova", "Dancing with the Stars"} <= set(tags), tags
    assert not any("Stars Mirela" in t for t in tags), tags


def test_a_tabloid_shouted_word_is_no_part_of_a_name():
    tags = pick_tags("Fitness guru Nadia Brook SLAMS rivals after her first EVER Emmy Award",
                     "Nadia Brook said rivals were unfair. Brook won an Emmy Award.")
    assert "Nadia Brook" in tags and not any("SLAMS" in t or "EVER" in t for t in tags), tags


def test_names_of_no_one_beat_that_are_english_words_are_known_to_the_tagger():
    # seed/names.tsv's "-" rows: platforms, studios, politicians ("twitter", "marvel" and
    # "trump" are words, and a headline's capitals prove nothing)
    tags = pick_tags("Nadia Brook Bans Trump From Every Corvane Restaurant", "")
    assert "Trump" in tags, tags
    tags = pick_tags("Twitter Bots Helped Corvane, Paper Says", "")
    assert "Twitter" in tags, tags
    tags = pick_tags("Fellow Marvel star Nadia Brook joins Corvane", "Nadia Brook said so.")
    assert "Marvel" in tags and not any("Fellow" in t for t in tags), tags
