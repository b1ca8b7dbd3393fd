"""The glossary: built-in and per-server entries, how they are found, cached, edited, suggested,
exported and imported, and the word of the day.

- `entries`: `GlossaryEntry`, the built-ins, entry keys, validation, an entry as JSON;
- `index`: `GlossaryIndex`, which finds an entry however a member types it;
- `keys`: `IndexKeys`, the normalised keys the index searches by prefix, substring and typo;
- `typos`: `TypoBuckets`, the words a few edits from a query, for the index;
- `words`: `MeaningWords`, the English words of the meanings, for the index;
- `spellings`: `Spellings`, who is written each way, which a save may not take, and who links
  to each key, which a removal asks;
- `cache`: `GlossaryCache`, each server's effective entries and index until the server edits;
- `reading`: `GlossaryReader`, what members and moderators ask: lookups, search, history;
- `service`: `GlossaryService`, the reader plus every change: edits, suggestions, import;
- `forms`: the moderator form's "Kanji (kana)" box, joined and split;
- `transfer`: the export file and the import plan: all or nothing, but for dropped built-ins;
- `daily`: the word of the day's pick and its `DailyWordSchedule`.
"""

from bot.glossary.cache import GlossaryCache
from bot.glossary.daily import DAILY_WORD_JOB, DailyCard, DailyWordSchedule, WordOfTheDay, daily_due
from bot.glossary.entries import (
    BUILTIN_GLOSSARY,
    CATEGORIES,
    HEADWORD_MAX,
    MEANING_MAX,
    GlossaryEntry,
    builtin_entries,
    entry_key,
    is_chassis_code,
    load_glossary,
)
from bot.glossary.index import GlossaryIndex, Hit, MatchKind
from bot.glossary.service import EditConflict, GlossaryService
from bot.glossary.transfer import IMPORT_MAX_BYTES, IMPORT_MAX_ENTRIES, ImportResult
from bot.glossary.typos import max_edits
from bot.glossary.values import ACTIONS_DONE, Change, Lookup, Page, Suggestion

__all__ = [
    "ACTIONS_DONE",
    "BUILTIN_GLOSSARY",
    "CATEGORIES",
    "DAILY_WORD_JOB",
    "HEADWORD_MAX",
    "IMPORT_MAX_BYTES",
    "IMPORT_MAX_ENTRIES",
    "MEANING_MAX",
    "Change",
    "DailyCard",
    "DailyWordSchedule",
    "EditConflict",
    "GlossaryCache",
    "GlossaryEntry",
    "GlossaryIndex",
    "GlossaryService",
    "Hit",
    "ImportResult",
    "Lookup",
    "MatchKind",
    "Page",
    "Suggestion",
    "WordOfTheDay",
    "builtin_entries",
    "daily_due",
    "entry_key",
    "is_chassis_code",
    "load_glossary",
    "max_edits",
]
