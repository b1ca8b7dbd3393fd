from __future__ import annotations
from sandbox import Loopback
from .conftest import RunningBot

async def test_explore(keitora: RunningBot, loopback: Loopback) -> None:
    admin = loopback.member("Akiko")
    guild = loopback.guild
    world = loopback.world
    g = world.guilds[guild.id]
    voice = g.add_channel("voice", 2)
    cat = g.add_category("cat")
    stage = g.add_channel("stage", 13)
    for ch in (voice, cat, stage):
        r = await loopback.slash("setup channel", kind="meetups", channel=ch, actor=admin)
        print("CH", ch.name, r.content)
    r = await loopback.slash("setup channel", kind="meetups", channel=guild.channel("meetups"), actor=admin)
    print(r.content)
    # delete meetups channel
    ch_id = guild.channel("meetups").id
    channel = world.channels.pop(ch_id)
    g.channels.pop(ch_id, None)
    await loopback.core.dispatch("CHANNEL_DELETE", channel)
    import asyncio; await asyncio.sleep(0.2)
    r = await loopback.slash("setup show", actor=admin)
    print("SHOW", r.embeds[0]["fields"][0]["value"])
    bot_role = guild.role(world.bot["global_name"])
    for kind in ("moderator", "importer", "organizer"):
        r = await loopback.slash("setup role", kind=kind, role=bot_role, actor=admin)
        print("ROLE", kind, r.content)
    for off in ("0h", "1000d", "24h,24h", "1d,24h", "24h, 1h, 30m, 15m, 10m, 5m", "-1h", "1.5h", "90", "14d1m", "1w"):
        r = await loopback.slash("setup reminders", offsets=off, actor=admin)
        print("OFF", off, "=>", r.content)
    for tz in ("Eastern", "ET", "EST", "Mountain", "Arizona", "Hawaii", "Alaska", "Pacific Time", "US/Eastern", "CST", "Central Time", "Puerto Rico", "Guam", "EDT", "New York", "utc", "GMT", "Z", "AKST", "HST", "ChST", "UTC+25", "America/Indiana/Indianapolis", "Indiana"):
        r = await loopback.slash("setup timezone", tz=tz, actor=admin)
        print("TZ", tz, "=>", r.content)
    for h in (-1, 24, 0, 23):
        try:
            r = await loopback.slash("setup daily-word", hour=h, actor=admin)
            print("HOUR", h, r.content)
        except Exception as e:
            print("HOUR", h, "EXC", e)
    r = await loopback.slash("setup show", actor=loopback.member("Mika"))
    print("NONADMIN", r.content)
    r = await loopback.slash("setup calendar", actor=admin)
    print("CAL", r.content)
    r = await loopback.slash("setup calendar", public=True, actor=admin)
    print("CAL", r.content)
    r = await loopback.slash("setup unset", setting="timezone", actor=admin)
    print("UNSET", r.content)
    r = await loopback.slash("setup unset", setting="timezone", actor=admin)
    print("UNSET", r.content)
    r = await loopback.slash("setup show", actor=admin)
    for f in r.embeds[0]["fields"]:
        print("F", f["name"], "|", f["value"])
