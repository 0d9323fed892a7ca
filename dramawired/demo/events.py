"""Events the demo outlets each cover in their own words: the stories `make demo` shows
forming (stories/). Two are about the same star and must stay apart. Checked by
tests/test_coverage.py; bench/stories.py --demo scores the grouping on them."""

EVENTS = {
    "nova-reyes-afterglass-surprise-album": [
        "backbeat-wire/nova-reyes-surprise-drops-afterglass",
        "tea-kettle/nova-reyes-afterglass-second-place-callum-ashby",
        "starlight-daily/nova-reyes-thanks-fans-after-midnight-album-surprise",
    ],
    "lantern-street-cancelled": [
        "channel-surf/northstar-tv-cancels-lantern-street-after-three-seasons",
        "tea-kettle/odette-marsh-slams-northstar-over-lantern-street-cancellation",
        "panel-page/lantern-street-creator-beatrix-lowe-plans-final-volume",
        "backbeat-wire/fans-stream-porchlight-into-top-10-to-save-lantern-street",
    ],
    "jasper-okonkwo-engaged": [
        "starlight-daily/jasper-okonkwo-and-marisol-ide-are-engaged",
        "channel-surf/jasper-okonkwo-confirms-engagement-on-late-hours",
        "tea-kettle/the-kiln-moved-jasper-okonkwo-proposed-to-marisol-ide",
        "reel-report/jasper-okonkwo-engaged-to-ceramicist-marisol-ide",
    ],
    "jasper-okonkwo-cast-as-captain-comet": [
        "channel-surf/streamline-confirms-jasper-okonkwo-as-captain-comet",
        "panel-page/its-official-jasper-okonkwo-is-captain-comet",
        "reel-report/jasper-okonkwo-lands-captain-comet-lead-streamline",
        "tea-kettle/jasper-okonkwo-captain-comet-casting-splits-fans",
        "starlight-daily/jasper-okonkwo-lands-childhood-dream-role-captain-comet",
    ],
    "night-moth-iron-wren-crossover": [
        "panel-page/night-moth-meets-the-iron-wren-inkwell-bramblegate-crossover",
        "reel-report/moth-to-a-flame-crossover-raises-a-question-for-silverlake",
        "tea-kettle/hugo-brandt-ends-17-year-feud-with-bramblegate",
    ],
    "pacifica-music-awards-kiki-blaze-mic": [
        "backbeat-wire/pacifica-music-awards-2026-winners-kiki-blaze-harbor-lights",
        "channel-surf/pacifica-awards-broadcast-cut-kiki-blazes-mic-benny-ortiz",
        "tea-kettle/is-the-benny-ortiz-kiki-blaze-feud-over-mic-handoff",
        "starlight-daily/pacifica-music-awards-kiki-blaze-mic-moment-best-looks",
        "reel-report/slow-burn-home-wins-pacifica-award-for-ember-road",
    ],
}
SAME_STAR = ("jasper-okonkwo-engaged", "jasper-okonkwo-cast-as-captain-comet")
