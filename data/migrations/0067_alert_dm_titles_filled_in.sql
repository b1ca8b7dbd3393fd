-- 0067 an alert DM recorded before 0064 keeps its announcement's title, as one recorded since.

-- 0064 recorded each alert DM's announcement by the title the DM showed, for the member's
-- /privacy export, but left the DMs recorded before it without one: their export read
-- `title: null` for as long as the record is kept (60 days), the announcement up or not. The
-- title is filled in as the DM's sent hook (bot/alerts/taken_down.py) would have recorded it,
-- from the announcement as it stands: one taken down is deleted (its record says so in
-- `taken_down_by`), and its words were its importer's to take back, so it keeps none; one gone
-- as its DM was recorded has no row to read. A posted announcement's title no longer changes
-- (an importer edits it only while it waits), so it is the title the DM showed.
UPDATE alert_dm_matches SET title = (
    SELECT announcements.title FROM announcements
    WHERE announcements.guild_id = alert_dm_matches.guild_id
      AND announcements.id = alert_dm_matches.announcement_id
)
WHERE title IS NULL AND taken_down_by IS NULL;
