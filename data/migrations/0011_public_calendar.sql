-- 0011 public calendar: which servers show their upcoming meetups on the web (page and .ics
-- feed), under which unguessable token, and counters of changes to what those answers show.
-- Why: people outside Discord (family, passers-by, calendar apps) follow a server's meetups
-- through a link the admins can withdraw or replace. The web server answers each request from a
-- cached rendering as long as its counters have not moved; triggers move them on every write to
-- a meetup or an occurrence (the page and the feed) or to an answer (the page's counts only, so
-- a calendar app's copy of the feed stays current through a burst of RSVPs) of a published
-- server, so no write path can forget to.

CREATE TABLE public_calendars (
    guild_id        INTEGER PRIMARY KEY REFERENCES guilds (guild_id) ON DELETE CASCADE,
    token           TEXT NOT NULL UNIQUE CHECK (length(token) BETWEEN 32 AND 64),
    public          INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    meetups_version INTEGER NOT NULL DEFAULT 0 CHECK (meetups_version >= 0),
    answers_version INTEGER NOT NULL DEFAULT 0 CHECK (answers_version >= 0),
    updated_at      INTEGER NOT NULL
) STRICT;

CREATE TRIGGER public_calendars_parent BEFORE INSERT ON public_calendars
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

CREATE TRIGGER public_calendar_meetup_added AFTER INSERT ON meetups
BEGIN
    UPDATE public_calendars SET meetups_version = meetups_version + 1
    WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER public_calendar_meetup_changed AFTER UPDATE ON meetups
BEGIN
    UPDATE public_calendars SET meetups_version = meetups_version + 1
    WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER public_calendar_meetup_removed AFTER DELETE ON meetups
BEGIN
    UPDATE public_calendars SET meetups_version = meetups_version + 1
    WHERE guild_id = OLD.guild_id;
END;

CREATE TRIGGER public_calendar_occurrence_added AFTER INSERT ON occurrences
BEGIN
    UPDATE public_calendars SET meetups_version = meetups_version + 1
    WHERE guild_id = (SELECT guild_id FROM meetups WHERE id = NEW.meetup_id);
END;
CREATE TRIGGER public_calendar_occurrence_changed AFTER UPDATE ON occurrences
BEGIN
    UPDATE public_calendars SET meetups_version = meetups_version + 1
    WHERE guild_id = (SELECT guild_id FROM meetups WHERE id = NEW.meetup_id);
END;
CREATE TRIGGER public_calendar_occurrence_removed AFTER DELETE ON occurrences
BEGIN
    UPDATE public_calendars SET meetups_version = meetups_version + 1
    WHERE guild_id = (SELECT guild_id FROM meetups WHERE id = OLD.meetup_id);
END;

CREATE TRIGGER public_calendar_rsvp_added AFTER INSERT ON rsvps
BEGIN
    UPDATE public_calendars SET answers_version = answers_version + 1
    WHERE guild_id = (SELECT meetups.guild_id FROM occurrences
                      JOIN meetups ON meetups.id = occurrences.meetup_id
                      WHERE occurrences.id = NEW.occurrence_id);
END;
CREATE TRIGGER public_calendar_rsvp_changed AFTER UPDATE ON rsvps
BEGIN
    UPDATE public_calendars SET answers_version = answers_version + 1
    WHERE guild_id = (SELECT meetups.guild_id FROM occurrences
                      JOIN meetups ON meetups.id = occurrences.meetup_id
                      WHERE occurrences.id = NEW.occurrence_id);
END;
CREATE TRIGGER public_calendar_rsvp_removed AFTER DELETE ON rsvps
BEGIN
    UPDATE public_calendars SET answers_version = answers_version + 1
    WHERE guild_id = (SELECT meetups.guild_id FROM occurrences
                      JOIN meetups ON meetups.id = occurrences.meetup_id
                      WHERE occurrences.id = OLD.occurrence_id);
END;
