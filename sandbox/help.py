"""What the sandbox console's `help` says: every kind of line a person can type."""

from __future__ import annotations

from sandbox.driver import DEFAULT_ACTOR

HELP = f"""\
Type what a member would, one line at a time:
  /help                                 any slash command, options as name:value
  /glossary lookup term:keitora public:true
  /meetup create when:tomorrow 9:30 …   a value runs to the next of the command's own options
  /meetup cancel meetup:Kei Day         where Discord lists choices as you type, name one by
                                        what the list shows, its first words, or a part of
                                        it no other choice shows (build:Acty camper), in
                                        whole words (keitora is no part of keitora-ichi),
                                        or the bot's first choice when it lists that one
                                        ahead of the part's (term:kyarī picks the Carry),
                                        told which it picked; a number only by its value
                                        (build:3); other text goes to the bot as typed,
                                        as in Discord
  /meetup cancel meetup:1 occurrence:?  ? shows that list instead of sending the command
  /glossary lookup term:kei?            … or what the list offers for what you typed so far
  /alerts add keywords:hijet drive:4x4  each option once, only those the command has; a
                                        word: the command lacks, after its last option
                                        when that one takes text, is part of the text,
                                        unless it looks like a typo of an option's name
                                        (keyword: is refused: did you mean keywords:?)
  /alerts add keywords:"hijet drive:4x4"
                                        … and a value in quotes holds any word: anywhere
  as Marcus /setup show                 act as another member (default: {DEFAULT_ACTOR})
  as Marcus                             … and stay Marcus for every line after it
  as                                    … and be {DEFAULT_ACTOR} again
  in #meetups /help                     use a command in another channel (default: #general)
  in #meetups                           … and stay there (as Marcus in #meetups: both)
  in                                    … and be back in #general
  in "#Acty camper" /build show         a name with spaces (a forum post's thread) in quotes;
                                        threads sharing a name by the id messages shows
Messages are numbered as they are shown, (1), (2)…, and so are the buttons and menus in each:
  click Next                            press Next on the newest message that has it; case
                                        and accents do not matter (shakensho finds shakenshō)
  click Next in 4                       … on message (4), also written in (4)
  click Camper Carry                    the one button of the newest message whose label
                                        holds those words ("#1 Camper Carry"); when several
                                        do, they are listed to pick from
  click 2                               the 2nd button or menu of the newest message with any
  click 1 in 4                          the 1st button or menu of message (4)
  click "Bed size" long                 pick long in a menu; quotes keep a label in one piece
A form (modal) the bot opens is listed with numbered fields and what they already hold, an
empty one's greyed hint in ‹…› (never sent); as in Discord, each member has a form of their
own, which only they can send:
  submit                                send the form of whoever you act as, as it is; if
                                        they have none, the newest form open, as whoever
                                        it was opened for
  as Marcus submit                      send Marcus's form, while others have theirs open
  submit 3:A new meaning                change field 3; every other field keeps its value
  submit Meaning:Text "Kanji (kana)":軽トラ
                                        fields by label too, quoted when it has spaces,
                                        its case, accents and punctuation left out as you
                                        like ("link https" for Link (https://…)), or by
                                        the start of a label no other field's starts with
                                        (kanji: for Kanji (kana), mean: for Meaning);
                                        \\n in a value starts a new line
  submit Already listed                 a form of one field takes all the text as its value
  messages #meetups                     the channel's latest messages, and its threads' names,
                                        if whoever you act as may view it;
                                        a forum's posts are threads: messages #Acty camper
                                        (or "#Acty camper"); an archived or locked one
                                        is marked so
  messages                              … of the channel you are in
  dms                                   the bot's direct messages to you, once the bot is
                                        done with what it has in hand; only your own, as
                                        on Discord: as Dale dms for Dale's (dms Dale too)
  say hello there                       post a message in the channel you are in, as
                                        whoever you act as (in #builds say hi, as Dale say hi)
  members                               who is in the demo server, with their roles
  log on, log off                       every log line, the bot's warnings and libraries'
                                        too, or (at first) only the bot's own errors
  expect some text                      (scripts) fail unless the last output contains it
  help, quit                            quit ends a script too: no line after it is run
Options: members as Mika, channels as #meetups, roles as @Moderator, files as a path.
Files the bot sends are saved in {{files}}; a reply names each: 📎 name → path."""
