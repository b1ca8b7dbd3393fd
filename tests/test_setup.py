from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.setup import (
    UNSETTABLE,
    GuildConfig,
    SettingChange,
    SetupService,
    describe_offsets,
    format_offsets,
    parse_offsets,
)
from bot.store import Store
from bot.zones import KEPT_ALL_YEAR, parse_zone, search_zones, zone_label

GUILD_A, GUILD_B = 111111111111111111, 222222222222222222


async def test_guilds_never_see_each_others_settings(store: Store, clock: ManualClock) -> None:
    service = SetupService(store, clock)
    await service.set_channel(GUILD_A, "meetups", 10)
    await service.set_role(GUILD_A, "moderator", 20)
    await service.set_timezone(GUILD_A, "america/denver")
    await service.set_reminder_offsets(GUILD_A, "2d,3h")
    await service.set_channel(GUILD_B, "meetups", 99)

    a, b = await service.get(GUILD_A), await service.get(GUILD_B)
    assert a.channels == {"meetups": 10}
    assert a.roles == {"moderator": 20}
    assert a.timezone == "America/Denver"
    assert a.reminder_offsets == (timedelta(days=2), timedelta(hours=3))
    assert b.channels == {"meetups": 99}
    assert b.roles == {}
    assert b.timezone is None
    assert b.reminder_offsets == (timedelta(hours=24), timedelta(hours=1))


async def test_guilds_with_a_channel_kind(store: Store, clock: ManualClock) -> None:
    service = SetupService(store, clock)
    await service.set_channel(GUILD_B, "glossary", 1)
    await service.set_channel(GUILD_A, "glossary", 2)
    await service.set_channel(GUILD_A, "meetups", 3)
    assert await service.guilds_with_channel("glossary") == [GUILD_A, GUILD_B]
    assert await service.guilds_with_channel("showcase") == []


async def test_setting_again_replaces(store: Store, clock: ManualClock) -> None:
    service = SetupService(store, clock)
    await service.set_channel(GUILD_A, "glossary", 1)
    await service.set_channel(GUILD_A, "glossary", 2)
    assert (await service.get(GUILD_A)).channels == {"glossary": 2}


async def test_bad_input_changes_nothing(store: Store, clock: ManualClock) -> None:
    service = SetupService(store, clock)
    await service.set_timezone(GUILD_A, "Asia/Tokyo")
    with pytest.raises(UserError, match="not a time zone"):
        await service.set_timezone(GUILD_A, "Mars/Olympus_Mons")
    with pytest.raises(UserError, match="not a reminder offset"):
        await service.set_reminder_offsets(GUILD_A, "soon")
    with pytest.raises(UserError, match="not a channel kind"):
        await service.set_channel(GUILD_A, "memes", 5)
    config = await service.get(GUILD_A)
    assert config.timezone == "Asia/Tokyo"
    assert config.channels == {}
    assert format_offsets(config.reminder_offsets) == "24h, 1h"


def test_moderators_and_organizers() -> None:
    from bot.setup import GuildConfig

    open_server = GuildConfig(GUILD_A, None, (), channels={}, roles={"moderator": 5})
    assert open_server.is_moderator({5}, can_manage_messages=False)
    assert open_server.is_moderator(set(), can_manage_messages=True)
    assert not open_server.is_moderator({6}, can_manage_messages=False)
    assert open_server.is_organizer(set(), can_manage_messages=False)  # no organizer role set

    strict = GuildConfig(GUILD_A, None, (), channels={}, roles={"organizer": 7, "moderator": 5})
    assert strict.is_organizer({7}, can_manage_messages=False)
    assert strict.is_organizer({5}, can_manage_messages=False)
    assert not strict.is_organizer({8}, can_manage_messages=False)


async def test_roles_that_would_hand_out_too_much_are_refused(
    store: Store, clock: ManualClock
) -> None:
    service = SetupService(store, clock)
    with pytest.raises(UserError, match="everyone in the server"):
        await service.set_role(GUILD_A, "moderator", GUILD_A)  # the everyone role's id
    await service.set_role(GUILD_A, "moderator", 20)
    with pytest.raises(UserError, match="this server's moderator role"):
        await service.set_role(GUILD_A, "importer", 20)
    await service.set_role(GUILD_A, "importer", 30)
    with pytest.raises(UserError, match="this server's importer role"):
        await service.set_role(GUILD_A, "moderator", 30)
    await service.set_role(GUILD_A, "organizer", 20)  # moderators may organize too
    assert (await service.get(GUILD_A)).roles == {
        "moderator": 20,
        "importer": 30,
        "organizer": 20,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h,1h", "24h, 1h"),
        ("1h, 24h", "24h, 1h"),
        ("2d 90m", "2d, 1h30m"),
        ("1h,60m", "1h"),
        ("1d2h30m", "26h30m"),
        ("48h", "2d"),
        # Units as words, as people write them.
        ("1 hour", "1h"),
        ("24 hours, 1 hour", "24h, 1h"),
        ("2 Days 30 minutes", "2d, 30m"),
        ("90 mins, 1hr", "1h30m, 1h"),
        # Weeks, and the words around offsets as people say them.
        ("1w", "7d"),
        ("2 weeks, 1 day", "14d, 24h"),
        ("1 day before and 1 hour before", "24h, 1h"),
        ("1 week ahead, 2h", "7d, 2h"),
        # No reminders at all.
        ("off", "off"),
        (" Off ", "off"),
        # As other settings take it (`/importer feed url url:none`, a meetup's `region:none`).
        ("none", "off"),
        (" None ", "off"),
    ],
)
def test_reminder_offsets_are_canonical(text: str, expected: str) -> None:
    assert format_offsets(parse_offsets(text)) == expected


def test_reminder_offsets_read_as_words() -> None:
    typed = ("24h,1h", "7d", "2d,3h,30m", "90m", "1d6h", "25h,1h")
    assert [describe_offsets(parse_offsets(text)) for text in typed] == [
        "1 day before and 1 hour before",
        "7 days before",
        # Each says "before": three reminders, not one 2 days, 3 hours and 30 minutes ahead.
        "2 days before, 3 hours before and 30 minutes before",
        "90 minutes before",
        "1 day 6 hours before",
        "1 day 1 hour before and 1 hour before",
    ]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "at least one"),
        ("1m", "5 minutes to 14 days"),
        ("15d", "5 minutes to 14 days"),
        ("1h,2h,3h,4h,5h,6h", "At most 5"),
        ("-1h", "not a reminder offset"),
        ("🚚", "not a reminder offset"),
        ("9999999999d", "not a reminder offset"),
        ("9999d", "5 minutes to 14 days"),
        ("3w", "5 minutes to 14 days"),
        ("before", "at least one"),
        ("1 fortnight", "not a reminder offset"),
    ],
)
def test_bad_reminder_offsets_are_refused(text: str, complaint: str) -> None:
    with pytest.raises(UserError, match=complaint):
        parse_offsets(text)


def test_zone_search_and_parse() -> None:
    assert search_zones("")[0] == "America/New_York"
    assert "America/Denver" in search_zones("denv")
    assert search_zones("new_y")[0] == "America/New_York"
    assert len(search_zones("a", 25)) == 25
    assert parse_zone(" america/los angeles ") == "America/Los_Angeles"
    with pytest.raises(UserError):
        parse_zone("@everyone")
    for not_a_place in ("localtime", "Factory", "posixrules"):
        with pytest.raises(UserError):
            parse_zone(not_a_place)


async def test_every_setting_written_is_announced_to_subscribers_after_it_is_saved(
    store: Store, clock: ManualClock
) -> None:
    service = SetupService(store, clock)
    seen: list[tuple[int, str, object]] = []

    async def subscriber(change: SettingChange) -> None:
        # What a subscriber reads back is already the new value.
        config = await service.get(change.guild_id)
        seen.append((change.guild_id, change.setting, config))

    async def failing(change: SettingChange) -> None:
        raise RuntimeError("a broken subscriber")

    service.subscribe(failing)
    service.subscribe(subscriber)
    await service.set_channel(GUILD_A, "glossary", 10)
    await service.set_role(GUILD_A, "organizer", 20)
    await service.set_timezone(GUILD_A, "america/denver")
    await service.set_reminder_offsets(GUILD_A, "2d")
    await service.set_daily_word_hour(GUILD_B, 7)

    assert [(guild, setting) for guild, setting, _ in seen] == [
        (GUILD_A, "channel:glossary"),
        (GUILD_A, "role:organizer"),
        (GUILD_A, "timezone"),
        (GUILD_A, "reminder_offsets"),
        (GUILD_B, "daily_word_hour"),
    ]
    assert seen[0][2].channels == {"glossary": 10}
    assert seen[2][2].timezone == "America/Denver"
    assert seen[4][2].daily_word_hour == 7


async def test_a_refused_setting_announces_nothing(store: Store, clock: ManualClock) -> None:
    service = SetupService(store, clock)
    seen: list[SettingChange] = []

    async def subscriber(change: SettingChange) -> None:
        seen.append(change)

    service.subscribe(subscriber)
    with pytest.raises(UserError):
        await service.set_timezone(GUILD_A, "Mars/Olympus")
    with pytest.raises(UserError):
        await service.set_daily_word_hour(GUILD_A, 24)
    assert seen == []


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("PST", "America/Los_Angeles"),
        ("pdt", "America/Los_Angeles"),
        ("Pacific", "America/Los_Angeles"),
        ("Pacific Time", "America/Los_Angeles"),
        ("Central", "America/Chicago"),
        ("CST", "America/Chicago"),
        ("central standard time", "America/Chicago"),
        ("EST", "America/New_York"),
        ("ET", "America/New_York"),
        ("MST", "America/Denver"),
        ("Mountain", "America/Denver"),
        ("Arizona", "America/Phoenix"),
        ("AKST", "America/Anchorage"),
        ("HST", "Pacific/Honolulu"),
        ("america/denver", "America/Denver"),
        ("US/Pacific", "US/Pacific"),
        ("Asia/Tokyo", "Asia/Tokyo"),
        ("JST", "Asia/Tokyo"),
        ("Japan Standard Time", "Asia/Tokyo"),
        ("Tokyo", "Asia/Tokyo"),
        ("los angeles", "America/Los_Angeles"),
        ("Denver", "America/Denver"),
    ],
)
def test_zone_names_members_type_are_read_as_their_iana_zone(typed: str, zone: str) -> None:
    assert parse_zone(typed) == zone


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("denvr", "America/Denver"), ("pacfic", "America/Los_Angeles"), ("Tokio", "Asia/Tokyo")],
)
def test_a_misspelt_zone_is_refused_with_the_one_it_likely_means(typed: str, meant: str) -> None:
    with pytest.raises(UserError, match=f"is not a time zone I know. Did you mean {meant}\\?"):
        parse_zone(typed)


# Davis is a research station, Center and Knox zones of North Dakota and Indiana: US towns too.
@pytest.mark.parametrize("typed", ["West", "Moab", "🚚", "Brazil", "Davis", "Center", "Knox"])
def test_names_that_are_no_single_place_are_refused(typed: str) -> None:
    with pytest.raises(UserError, match="is not a time zone I know") as refused:
        parse_zone(typed)
    assert "Did you mean" not in refused.value.message  # no guess from a short or far name


@pytest.mark.parametrize(
    ("typed", "zone", "label"),
    [
        ("UTC-7", "Etc/GMT+7", "UTC-7"),
        ("gmt +9", "Etc/GMT-9", "UTC+9"),
        ("utc-12", "Etc/GMT+12", "UTC-12"),
        ("UTC+14:00", "Etc/GMT-14", "UTC+14"),
        ("UTC+0", "UTC", "UTC"),
        ("etc/gmt+7", "Etc/GMT+7", "UTC-7"),
    ],
)
def test_a_whole_hour_offset_is_iana_s_zone_for_it_shown_the_right_way_round(
    typed: str, zone: str, label: str
) -> None:
    assert parse_zone(typed) == zone
    assert zone_label(zone) == label


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("UTC+5:30", "Asia/Kolkata"),
        ("gmt+0530", "Asia/Kolkata"),
        ("UTC+5:45", "Asia/Kathmandu"),
        ("UTC+4:30", "Asia/Kabul"),
        ("UTC-9:30", "Pacific/Marquesas"),
    ],
)
def test_an_offset_with_minutes_one_place_keeps_all_year_is_that_place_s_zone(
    typed: str, zone: str
) -> None:
    assert parse_zone(typed) == zone


def test_the_zones_taken_for_offsets_with_minutes_keep_them_all_year() -> None:
    for offset, zone in KEPT_ALL_YEAR.items():
        for month in (1, 7):
            held = datetime(2026, month, 1, tzinfo=ZoneInfo(zone)).utcoffset()
            assert held == offset, (zone, month)


def test_an_offset_with_minutes_that_changes_with_the_seasons_names_the_zones_to_pick() -> None:
    # Darwin keeps UTC+9:30 all year, Adelaide only in winter: which one is the member's?
    with pytest.raises(UserError) as refused:
        parse_zone("UTC+9:30")
    assert refused.value.message == (
        "UTC+9:30 is not a whole hour from UTC, and places on it differ: type the zone "
        "of yours, such as Australia/Darwin or Australia/Adelaide."
    )
    with pytest.raises(UserError, match=r"UTC\+2:30 is not a whole hour from UTC"):
        parse_zone("UTC+2:30")  # no place keeps it: a city, then


def test_an_offset_past_the_world_s_zones_is_refused() -> None:
    for typed in ("UTC-13", "UTC+15"):
        with pytest.raises(UserError, match="is not a time zone I know"):
            parse_zone(typed)


def test_a_us_name_is_offered_first_as_members_type_it() -> None:
    assert search_zones("pst")[0] == "America/Los_Angeles"
    assert search_zones("Central")[0] == "America/Chicago"


def test_whole_hour_offsets_are_offered_once_a_sign_is_typed() -> None:
    assert search_zones("utc+") == [f"UTC+{hours}" for hours in range(1, 15)]
    assert search_zones("UTC-1")[:4] == ["UTC-1", "UTC-10", "UTC-11", "UTC-12"]
    assert search_zones("gmt+9") == ["UTC+9"]
    assert search_zones("utc")[:2] == ["UTC", "Etc/UTC"]  # not buried under 26 offsets
    for offered in search_zones("utc+") + search_zones("utc-"):
        assert parse_zone(offered).startswith("Etc/GMT")  # each is taken as typed


def changes_heard(service: SetupService) -> list[SettingChange]:
    """What the service tells a subscriber from now on, as it tells it."""
    heard: list[SettingChange] = []

    async def subscriber(change: SettingChange) -> None:
        heard.append(change)

    service.subscribe(subscriber)
    return heard


async def test_each_setting_can_be_unset_back_to_how_a_new_server_has_it(
    store: Store, clock: ManualClock
) -> None:
    service = SetupService(store, clock)
    heard = changes_heard(service)
    await service.set_channel(GUILD_A, "modqueue", 10)
    await service.set_channel(GUILD_A, "glossary", 11)
    await service.set_role(GUILD_A, "moderator", 20)
    await service.set_timezone(GUILD_A, "Asia/Tokyo")
    await service.set_reminder_offsets(GUILD_A, "2d")
    await service.set_daily_word_hour(GUILD_A, 18)
    await service.set_importer_daily_limit(GUILD_A, 9)
    await service.set_channel(GUILD_B, "modqueue", 99)
    heard.clear()

    for setting in UNSETTABLE:
        await service.unset(GUILD_A, setting)

    assert [change.setting for change in heard] == [
        "channel:glossary",
        "channel:modqueue",
        "role:moderator",
        "timezone",
        "reminder_offsets",
        "daily_word_hour",
        "importer_daily_limit",
    ]
    a = await service.get(GUILD_A)
    assert a == GuildConfig(GUILD_A, None, (timedelta(hours=24), timedelta(hours=1)))
    assert await service.guilds_with_channel("modqueue") == [GUILD_B]  # others keep theirs


async def test_unsetting_what_was_not_set_changes_and_announces_nothing(
    store: Store, clock: ManualClock
) -> None:
    service = SetupService(store, clock)
    heard = changes_heard(service)
    assert not await service.unset(GUILD_A, "channel:modqueue")
    assert not await service.unset(GUILD_A, "daily_word_hour")
    await service.set_timezone(GUILD_A, "Asia/Tokyo")  # a row with the other defaults
    assert not await service.unset(GUILD_A, "daily_word_hour")
    assert await service.unset(GUILD_A, "timezone")
    assert heard == [SettingChange(GUILD_A, "timezone"), SettingChange(GUILD_A, "timezone")]
    with pytest.raises(UserError, match="not a setting"):
        await service.unset(GUILD_A, "updated_at")
    with pytest.raises(UserError, match="not a channel kind"):
        await service.unset(GUILD_A, "channel:memes")


def test_every_setting_that_can_be_unset_says_what_happens_without_it() -> None:
    from cogs.setup_views import UNSET

    assert list(UNSET) == list(UNSETTABLE)


async def test_a_setting_chosen_again_is_no_change_yet_is_announced(
    store: Store, clock: ManualClock
) -> None:
    service = SetupService(store, clock)
    chosen = [
        lambda: service.set_channel(GUILD_A, "glossary", 10),
        lambda: service.set_role(GUILD_A, "organizer", 20),
        lambda: service.set_timezone(GUILD_A, "america/denver"),
        lambda: service.set_reminder_offsets(GUILD_A, "2d"),
        lambda: service.set_daily_word_hour(GUILD_A, 7),
        lambda: service.set_importer_daily_limit(GUILD_A, 4),
    ]
    first = [(await choose()).changed for choose in chosen]
    heard = changes_heard(service)

    again = [(await choose()).changed for choose in chosen]

    assert first == [True] * len(chosen)
    assert again == [False] * len(chosen)
    # Still heard: what waited for a channel is sent at once when it is chosen again.
    assert [change.setting for change in heard] == [
        "channel:glossary",
        "role:organizer",
        "timezone",
        "reminder_offsets",
        "daily_word_hour",
        "importer_daily_limit",
    ]
    assert (await service.set_timezone(GUILD_A, "Denver")).value == "America/Denver"
    assert (await service.set_reminder_offsets(GUILD_A, "1h")).changed
