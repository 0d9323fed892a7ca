"""Tags name things the story is about: never glued words, numbers or stop words."""

import re
from html import unescape

import pytest

from dramawired.demo.catalog import articles
from dramawired.pipeline.tag import MAX_TAGS, MAX_WORDS, pick_tags
from dramawired.pipeline.tagwords import STOP

ALIBABA_TITLE = "Alibaba Set to Invest $640M Into Hong Kong Entertainment Industry"


def _text(body: str) -> str:
    return unescape(re.sub(r"</(p|h\d|li|blockquote)>", "\n", body).replace("<", " <")
                    ).replace("\n ", "\n")


def _plain(body: str) -> str:
    return re.sub(r"<[^>]+>", "", _text(body))


def test_the_seed_sites_story_gets_tags_that_name_things():
    story = next(a for a in articles()["reel-report"] if a.title == ALIBABA_TITLE)
    tags = pick_tags(story.title, _plain(story.body))
    assert tags[:3] == ["Hong Kong", "Alibaba Pictures", "Filmart"]
    assert not any(re.search(r"\d", t) for t in tags)
    assert "640MAlibabaEntertainmentHONG" not in "".join(tags)


def test_every_demo_story_gets_three_to_eight_real_tags():
    stories = [a for items in articles().values() for a in items
               if a.original is None and not a.link and not a.video]
    for a in stories:
        text = _plain(a.body)
        tags = pick_tags(a.title, text)
        assert 3 <= len(tags) <= MAX_TAGS, (a.slug, tags)
        for tag in tags:
            # Each tag is a phrase the story really contains, word for word.
            assert tag in f"{a.title}\n{text}", (a.slug, tag)
            assert not tag.isdigit() and tag.casefold() not in STOP, (a.slug, tag)
            # Small words and colons inside titles of works do not count.
            assert len([w for w in tag.split() if w[0].isupper()]) <= MAX_WORDS, (a.slug, tag)


@pytest.mark.parametrize("text, absent", [
    ("The show returns in January. On Monday, Netflix said so. Netflix confirmed it.",
     {"The", "January", "On", "Monday"}),
    ("Kiki Blaze spoke. She said Blaze would tour. Blaze confirmed.", {"She"}),
    ("Atlanta-born rapper Kiki Blaze signed. Kiki Blaze is happy.", {"Atlanta-born"}),
])
def test_stop_words_calendar_words_and_adjectives_are_not_tags(text, absent):
    assert not absent & set(pick_tags("", text))


def test_surname_counts_for_the_full_name():
    text = ("Sienna Vale arrived early. Later, Vale told reporters she was thrilled. "
            "Vale smiled. Theo Marchetti waved.")
    tags = pick_tags("Sienna Vale Wows", text)
    assert tags[0] == "Sienna Vale" and "Vale" not in tags


def test_names_joined_by_ampersand_stay_two_names():
    text = ("Sienna Vale & Theo Marchetti arrived. Sienna Vale smiled. "
            "Theo Marchetti waved. Panel & Page reported it, and the news site Panel & Page "
            "ran a second story.")
    tags = pick_tags("", text)
    assert {"Sienna Vale", "Theo Marchetti", "Panel & Page"} <= set(tags)
    assert not any("Vale & Theo" in t for t in tags)


def test_feed_categories_add_weight_but_title_case_headlines_do_not_invent_tags():
    text = "Streamline+ renewed the show. Streamline+ is spending big on Midnight Harbor."
    tags = pick_tags("Streamline+ Commits $180M To Midnight Harbor", text,
                     feed_tags=("Streaming",))
    assert "Commits" not in tags and "Midnight Harbor" in tags and "Streaming" in tags


# Our own sentences, each reproducing a failure seen on real articles (issue 11).
def test_numbers_inside_names_stay():
    text = ("The rapper 50 Cent will join Maroon 5 on stage in Manchester, where Blink-182 "
            "also play. A screening of 24 Hour Party People opens the night; 50 Cent said "
            "24 Hour Party People changed his life. Maroon 5 last played with Blink-182.")
    tags = pick_tags("Rapper 50 Cent Joins Maroon 5 Tribute", text)
    assert {"50 Cent", "Maroon 5", "Blink-182", "24 Hour Party People"} <= set(tags)
    assert not {"Cent", "Hour Party People", "Maroon"} & set(tags)


def test_titles_of_works_keep_small_words_and_colons():
    text = ("The Orpheum will screen The Lord of the Rings back to back, then Star Wars: "
            "Revenge of the Sith in April; a pass covers The Lord of the Rings and Star "
            "Wars: Revenge of the Sith. New Line Cinema lent the prints, and a spokesperson "
            "for New Line Cinema said so. Readers of Crown of Ash, the comic, and fans of "
            "Crown of Ash get a discount.")
    tags = pick_tags("Middle-earth Marathon Returns to the Orpheum", text)
    assert {"The Lord of the Rings", "Star Wars: Revenge of the Sith", "New Line Cinema",
            "Crown of Ash"} <= set(tags)
    assert not {"Wars", "Sith", "Rings", "Lord", "Line Cinema"} & set(tags)


def test_job_titles_and_section_words_never_glue_onto_a_name():
    text = ("Broadcaster Chris Evans said on his show that Blackadder TV rumours were "
            "false. Chris Evans added that the BBC had no plans. The BBC said Blackadder "
            "would stay a classic. Top executives were not consulted, the show is free to "
            "stream, and Channel bosses said right away they had no comment.")
    tags = pick_tags("BBC denies Blackadder TV comeback", text)
    assert {"Chris Evans", "Blackadder", "BBC"} <= set(tags)
    assert not {"Broadcaster Chris Evans", "Blackadder TV", "Top", "Free", "Channel",
                "Right"} & set(tags)


@pytest.mark.parametrize("title, text, wanted, unwanted", [
    ("Netflix Nabs Rights to Glass Tower as Sienna Vale Says Sequel Is Happening",
     "Netflix has bought the rights to Glass Tower, the thriller starring Sienna Vale. "
     "The deal beats a rival bid, and analysts forecast strong numbers for Netflix.",
     {"Netflix", "Glass Tower", "Sienna Vale"},
     {"Nabs", "Says", "Happening", "Beats", "Forecast", "Sequel"}),
    ("Björk & Rosalía Tease Duet as DC & Image Bring Comics to Lisbon",
     "Björk and Rosalía posted a clip of a new song. Fans of Björk have waited two years, "
     "Rosalía said. DC and Image Comics will share a stand at the Lisbon comic fair.",
     {"Björk", "Rosalía", "DC", "Image Comics"},
     {"Björk & Rosalía Tease", "DC & Image Bring", "Tease", "Bring"}),
    ("K-Pop Group Nova Announces Hong Kong Tour",
     "The group will play three nights at the arena in March, the promoter said, and the "
     "city expects fans from across the region.",
     {"Hong Kong"}, {"Announces Hong Kong Tour", "Announces", "Tour"}),
    (ALIBABA_TITLE,
     "The group will put the money into film and music over five years, it said at "
     "Filmart. The city's government welcomed the plan, and Filmart organisers said the "
     "announcement drew the biggest crowd of the week.",
     {"Alibaba", "Hong Kong", "Filmart"}, {"Set", "Invest", "Entertainment Industry"}),
])
def test_headline_verbs_are_never_names_and_headline_names_count(title, text, wanted,
                                                                  unwanted):
    tags = pick_tags(title, text)
    assert wanted <= set(tags) and not unwanted & set(tags), tags


def test_a_name_that_is_also_a_word_counts_when_the_story_capitalises_it():
    text = ("Lawyers for Drake and the estate of Prince settled a dispute over a sample. "
            "The song, which Drake released last year, borrowed a riff that Prince recorded "
            "in 1984; the estate said Prince would have approved, and Drake thanked fans.")
    tags = pick_tags("Drake and Prince Estate Settle Sample Dispute", text)
    assert {"Drake", "Prince"} <= set(tags)


def test_spares_follow_the_chosen_tags():
    text = ("Sienna Vale and Theo Marchetti met Kiki Blaze in Lisbon. Sienna Vale and "
            "Theo Marchetti smiled; Kiki Blaze waved, and Gemma Starr sang.")
    chosen = pick_tags("", text)
    with_spares = pick_tags("", text, spares=4)
    assert with_spares[:len(chosen)] == chosen and len(with_spares) > len(chosen)


def test_an_acronym_counts_for_the_name_it_stands_for():
    text = ("The Lakeshore Broadcasting Authority (LBA) fined Streamline+ on Monday. The "
            "LBA said the fine was its largest; the LBA will publish its reasons, and "
            "Streamline+ said it would appeal.")
    tags = pick_tags("Streamline+ fined over live broadcast", text)
    # Readers know the agency by either name: both are tags, the full name first.
    assert tags[0] == "Lakeshore Broadcasting Authority" and "LBA" in tags
    # Named once without its letters defined, it still gets the acronym's mentions.
    text = ("Police questioned the leader of the Northern Unity Party on Monday. The NUP "
            "said he was innocent; the NUP will hold a rally in Leeds, and the NUP leader "
            "thanked supporters. Gemma Starr sang in Leeds.")
    tags = pick_tags("NUP leader questioned", text)
    assert set(tags[:2]) == {"NUP", "Northern Unity Party"}
    # Spelled out with a small word inside: the whole name, not its tail.
    text = ("Unite Arts and the Harbour and Coastal Workers Union (HCWU) plan to merge. The "
            "HCWU said talks began in May; Unite Arts agreed, and the HCWU will vote.")
    tags = pick_tags("Union merger plan", text)
    assert "Harbour and Coastal Workers Union" in tags and "HCWU" in tags
    assert "Coastal Workers Union" not in tags


def test_a_common_surname_counts_for_the_full_name():
    text = ("Will Smith's new comedy topped the chart. Smith plays a matchmaker, and "
            "critics liked Glass Tower less. Smith thanked fans in Lisbon.")
    tags = pick_tags("Comedy tops the box office", text)
    assert tags[0] == "Will Smith" and "Smith" not in tags


def test_hyphenated_common_words_are_no_name_but_hyphenated_names_are():
    text = ("Salma Vale wore a magenta One-Piece by the pool. Salma Vale later joined "
            "Jay-Z and Blink-182 backstage; Jay-Z and Blink-182 played until dawn.")
    tags = pick_tags("Salma Vale Poses Poolside in Magenta One-Piece", text)
    assert {"Salma Vale", "Jay-Z", "Blink-182"} <= set(tags) and "One-Piece" not in tags


def test_a_surname_particle_stays_with_the_first_name():
    text = ("Marco De Luca has signed for a third Glass Tower film. De Luca told Panel & "
            "Page that filming starts in Lisbon, and De Luca's agent confirmed it.")
    tags = pick_tags("De Luca signs on", text)
    assert "Marco De Luca" in tags and "De Luca" not in tags
    tags = pick_tags("Marco De Luca Returns To The Stage In Lisbon", "The actor will star "
                     "in a new play this spring.")
    assert tags[0] == "Marco De Luca"


def test_a_one_name_star_is_tagged_by_the_name_the_story_uses():
    text = ("Zaviera opened her tour in Leeds. The singer, full name Zaviera Thompson, "
            "grew up in Bristol. Zaviera said the tour was her biggest, and Zaviera thanked "
            "fans in Leeds.")
    tags = pick_tags("Zaviera's big night", text)
    assert "Zaviera" in tags and "Zaviera Thompson" not in tags


def test_a_word_inside_a_title_is_no_surname_of_it():
    text = ("Quakeland, a drama about a fault line, airs in May. BBC Two will show a "
            "documentary, The Science Behind Quakeland, the same week. Quakeland was "
            "filmed in Chile, where a quakeland is a fact of life.")
    tags = pick_tags("Quake drama for BBC Two", text)
    assert "Quakeland" in tags


def test_an_award_written_with_a_lower_case_word_is_named_whole():
    text = ("Nova Reyes has three nominations for next week's Lumen awards. She won the "
            "Harbour prize in May, and Nova Reyes says the Harbour prize changed her life. "
            "Kiki Blaze will host.")
    tags = pick_tags("Singer ready for awards", text)
    assert tags[:3] == ["Nova Reyes", "Lumen Awards", "Harbour Prize"], tags
    assert not {"Lumen", "Harbour"} & set(tags)


def test_a_title_that_opens_with_a_possessive_is_one_name():
    text = ("Studio Kestrel will release Wren's Floating Garden in 40 countries. Wren's "
            "Floating Garden follows a girl who finds a garden kept by Wren, a gardener. "
            "Mara Quill voices the girl in Owl's Lantern, and Owl's Lantern opens in June. "
            "Verdi's Nabucco plays once.")
    tags = pick_tags("Studio Kestrel film goes global", text)
    assert {"Wren's Floating Garden", "Owl's Lantern", "Studio Kestrel"} <= set(tags)
    assert not {"Floating Garden", "Lantern", "Verdi's Nabucco"} & set(tags)


def test_a_title_opening_with_a_small_word_mid_sentence_stays_whole():
    text = ("Nova Reyes has the number one single, as her song, Like Paper Planes, sold "
            "40,000 copies. Like Paper Planes knocked Kiki Blaze off the top, and Kiki Blaze "
            "said she was pleased for Nova Reyes.")
    tags = pick_tags("Reyes beats Blaze to number one", text)
    assert "Like Paper Planes" in tags and "Paper Planes" not in tags


def test_a_place_named_again_and_again_is_no_part_of_a_longer_name_given_once():
    text = ("A film about the Lisbon floods has been delayed. Lisbon Appeal Court halted "
            "its release after protests. The floods hit Lisbon in 1967, and Lisbon still "
            "marks the day; the director said Lisbon deserved the film.")
    tags = pick_tags("Lisbon flood film delayed", text)
    assert tags[0] == "Lisbon" and "Lisbon Appeal Court" in tags


def test_a_person_is_no_part_of_a_title_that_ends_with_her_name():
    text = ("Laura Vale leads the nominations. Her album The Return of Laura Vale is up "
            "for album of the year, and Glass Tower for best film. Kiki Blaze and Theo "
            "Marchetti are nominated too; Kiki Blaze leads in Lisbon.")
    tags = pick_tags("Vale leads nominations", text)
    assert {"Laura Vale", "The Return of Laura Vale"} <= set(tags)


def test_a_title_with_one_small_word_may_end_with_two_capitalised_words():
    text = ("Anne Holt, of Campaign for Valley Rail, said the line must reopen. Fans of the "
            "show Stars on Thin Ice agree. \"Campaign for Valley Rail is the biggest group "
            "in Leeds,\" Anne Holt said.")
    tags = pick_tags("Rail link rally", text)
    assert "Campaign for Valley Rail" in tags and "Valley Rail" not in tags
    assert "Stars on Thin Ice" in pick_tags("", text, spares=5)


def test_a_channel_number_glued_to_a_broadcaster_counts_for_it():
    text = ("KTV unveiled its winter schedule on Monday. Films on KTV2 include Glass Tower, "
            "and KTV2 will show Crown of Ash at Christmas. Sienna Vale hosts.")
    tags = pick_tags("Winter on the channels", text)
    assert tags[0] == "KTV" and "KTV2" not in tags


def test_a_name_before_a_hyphenated_adjective_is_a_name():
    text = "You're getting a recent Lumen Award-winning film, and a Lisbon-born director."
    tags = pick_tags("What's new on Streamline+ this week", text)
    assert {"Lumen Award", "Lisbon"} <= set(tags)
    assert not {"Lumen Award-winning", "Lisbon-born"} & set(tags)


def test_the_headline_name_wins_over_a_longer_one_the_story_gives_once():
    title = "While Nova Reyes was serving pancakes at a Kestrel Diner, Theo Marchetti sang"
    text = ("Like Nova Reyes's new job at an Ohio Kestrel Diner, Theo Marchetti, too, "
            "landed a new gig.")
    tags = pick_tags(title, text)
    assert "Kestrel Diner" in tags and "Ohio Kestrel Diner" not in tags


def test_colon_titles_dotted_acronyms_numbered_names_and_initials():
    text = ("The BBC will screen Kiki Blaze: The Opera in May. Protesters said Kiki Blaze: "
            "The Opera mocked faith, and Channel 4 said it would not show it; Channel 4 "
            "bosses declined. Fans of K.L.M. wrote in, and K.L.M. toured the U.S. with "
            "J.K. Marlowe; J.K. Marlowe said the U.S. tour was long.")
    tags = pick_tags("Blaze opera row", text)
    assert {"Kiki Blaze: The Opera", "Channel 4", "K.L.M.", "J.K. Marlowe"} <= set(tags)
    assert not {"Kiki Blaze", "Channel", "K.L.M", "J.K.", "U.S.", "U.S"} & set(tags)



def test_a_show_the_names_table_knows_is_one_tag_whatever_its_capitals():
    tags = pick_tags("Skater Wins 'Dancing With The Stars' In A Tense Final",
                     "Olympic skater Mara Quill lifted the mirrorball trophy on Monday night. "
                     "Quill and her partner scored perfect marks for their freestyle.")
    assert "Dancing with the Stars" in tags
    assert not {"Dancing", "Stars", "Tense Final"} & set(tags)
    tags = pick_tags("Dancing with the Stars 2031 Cast Includes Mara Quill & More!",
                     "Who is on Dancing with the Stars? Mara Quill joins Season 40 of "
                     "Dancing with the Stars with pro partner Lev Arno. Arno has danced on "
                     "Dancing with the Stars since Season 31.")
    assert tags[0] == "Dancing with the Stars" and not {"Dancing", "Stars"} & set(tags)
    tags = pick_tags("Jungle show returns", "I'm A Celebrity Get Me Out Of Here returns to "
                     "ITV in November with twelve new campmates.")
    assert "I'm a Celebrity... Get Me Out of Here!" in tags


def test_a_plural_job_title_or_a_chairman_is_no_part_of_the_name():
    tags = pick_tags("Directors Joe And Ana Ruvo Explain The Twist",
                     "Chairman Tomas Welk said the studio backed the Ruvo siblings' cut.")
    assert "Tomas Welk" in tags
    assert not any(t.startswith(("Directors", "Chairman")) for t in tags)


def test_a_frequent_english_word_is_no_tag_without_the_storys_capitals():
    tags = pick_tags("Mara Quill Reveals The Worst Part Of Her Tour And, Fine, It's Cute",
                     "And how she almost missed the last show.")
    assert tags == ["Mara Quill"]
    tags = pick_tags("Tomas Welk at home", "Tomas Welk moved to Canada in May. He likes it: "
                     "Everybody there is kind, he said. Canada, he added, is home now.")
    assert "Canada" in tags and "Everybody" not in tags


def test_where_someone_is_from_is_no_part_of_the_name():
    tags = pick_tags("Director's ape epic wraps", "New Zealander Tomas Welk has finished "
                     "Island of Bones. Angolan Mara Quill stars beside him.")
    assert {"Tomas Welk", "Mara Quill"} <= set(tags)
    assert not any("Zealander" in t or "Angolan" in t for t in tags)


def test_titles_with_a_possessive_or_two_small_words_stay_whole():
    tags = pick_tags("Space comedy gets a date",
                     "The film of The Stargazer's Almanac to the Moon opens in May. Tomas "
                     "Welk plays the lead. The Stargazer's Almanac to the Moon cost $50m.")
    assert tags[0] == "The Stargazer's Almanac to the Moon"
    assert not {"Moon", "The Stargazer", "Stargazer"} & set(tags)
    tags = pick_tags("Wizard sequel breaks records",
                     "Mara Quill and the Prisoner of Glass took $90m in its first weekend, "
                     "Tomas Welk said. Netflix and the BBC declined to comment.")
    assert "Mara Quill and the Prisoner of Glass" in tags
    assert not any("Netflix and" in t for t in tags)


def test_a_first_name_after_a_small_word_is_no_part_of_a_title():
    tags = pick_tags("Welk's Lighthouse for Oscar glory",
                     "The Lighthouse is favourite at the Oscars. Tomas Welk directed The "
                     "Lighthouse.")
    assert "The Lighthouse" in tags and not any("for Oscar" in t for t in tags)


def test_scores_companions_and_two_titles_joined_by_and_are_no_names():
    tags = pick_tags("Harbor Lions 19-47 New Zealand", "New Zealand beat Harbor Lions.")
    assert "New Zealand" in tags and not any(t.startswith("47") for t in tags)
    tags = pick_tags("Twist explained", "Directors Joe and Ana Ruvo answer our questions. "
                     "Mara Quill sat beside BFF Nadia Brook. Nadia Brook smiled.")
    assert {"Ana Ruvo", "Nadia Brook"} <= set(tags)
    assert not any(t.startswith(("Directors", "BFF")) for t in tags)
    tags = pick_tags("Nominations", "Tomas Welk is nominated for Closer and Glass Tower "
                     "respectively.")
    assert "Closer and Glass Tower" not in tags


def test_a_headline_short_for_a_title_counts_for_the_whole_title():
    tags = pick_tags("Welk set for role in Stargazer's", "Tomas Welk joins the film of "
                     "The Stargazer's Almanac To The Moon. Welk will voice the Almanac.")
    assert "The Stargazer's Almanac To The Moon" in tags and "Stargazer" not in tags
    assert "Harbor's 8" in pick_tags("Sequel news", "Mara Quill and Nadia Brook star in "
                                     "the heist film Harbor's 8, out in June.")


def test_a_star_the_story_names_in_full_first_is_tagged_in_full():
    text = ("Ziva Walker arrived in Milan on Sunday. Later, Ziva waved to fans. Ziva smiled "
            "at the crowd, and Ziva signed autographs before Ziva left.")
    tags = pick_tags("Ziva Walker enjoys a night out in Milan", text)
    assert "Ziva Walker" in tags and "Ziva" not in tags


def test_a_number_between_a_title_and_a_person_ends_the_title_and_counts_nobody():
    tags = pick_tags("Glass Harbor 2 Mara Walker says she is up for a sequel",
                     "Mara Walker told fans. Glass Harbor 2 would reunite the cast of 34 "
                     "Tomas Welk films.")
    assert {"Glass Harbor 2", "Mara Walker", "Tomas Welk"} <= set(tags)
    assert not any(t.startswith("34") or t.endswith("2 Mara Walker") for t in tags)


def test_a_title_with_in_the_or_on_the_between_common_words_stays_whole():
    tags = pick_tags("Walker on recovery", "The Ghosts in the Garden star said he kept "
                     "busy. Mara Walker can be seen in The Ghosts in the Garden on Netflix. "
                     "Tomas Welk won the Golden Bear at the Berlin Film Festival.")
    assert "The Ghosts in the Garden" in tags and "Ghosts" not in tags
    more = pick_tags("Walker on recovery", "Tomas Welk won the Golden Bear at the Berlin "
                     "Film Festival.", spares=5)
    assert "Golden Bear" in more and not any(" at the " in t for t in more)
