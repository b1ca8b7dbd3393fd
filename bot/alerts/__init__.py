"""Members' alerts: words, and field conditions on arrivals, matched against each announcement,
arrival and feed item as it goes out; one DM per member for what goes out together (a feed
poll's burst is one DM listing the matches), through the outbox.

Words match on word boundaries, case-insensitively, and through the glossary's and the model
list's other spellings, so `jumbo` finds "ジャンボ" and `hijet` finds "ハイゼット". Matching runs
inside the transaction that sends the announcement, so each alert is compiled once into an
index: an item's words are looked up once, and only alerts whose first word is present are
checked further.
"""

from bot.alerts.query import MAX_QUERY, YEAR_FIELDS, Alert, Condition, parse_query, reading
from bot.alerts.service import ALERT_DM_JOB, MAX_ALERTS, AlertMatch, AlertNotice, AlertService

__all__ = [
    "ALERT_DM_JOB",
    "MAX_ALERTS",
    "MAX_QUERY",
    "YEAR_FIELDS",
    "Alert",
    "AlertMatch",
    "AlertNotice",
    "AlertService",
    "Condition",
    "parse_query",
    "reading",
]
