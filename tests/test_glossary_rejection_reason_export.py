"""A moderator's reason for rejecting a glossary suggestion is kept (later repeats' queue cards
show it): the moderator's /privacy export holds it, as an importer announcement's decision does,
with a mention or code typed in it in words, never a mention."""

from __future__ import annotations

from bot.glossary import GlossaryService
from bot.glossary.privacy import GlossaryMemberData
from bot.store import Store
from tests.glossary_terms import HOME, MOD, term

SUGGESTER = 5


async def test_the_moderators_export_holds_the_reason_they_wrote(
    glossary: GlossaryService, store: Store
) -> None:
    rejected = await glossary.suggest(HOME, SUGGESTER, "tenbin", "A balance beam.")
    await glossary.reject(HOME, rejected.id, MOD, f"Not a kei word, ask <@{SUGGESTER}> in <#77>")
    approved = await glossary.suggest(HOME, SUGGESTER, "hakari", "A weighing scale.")
    await glossary.approve(HOME, approved.id, MOD, term("hakari", "A weighing scale."))

    exported = await GlossaryMemberData(store).member_data().export(MOD)

    rejection, approval = exported["glossary_suggestions_decided"][HOME]
    assert (rejection["term"], rejection["status"]) == ("tenbin", "rejected")
    assert rejection["reason"] == "Not a kei word, ask a member in a channel"
    assert (approval["term"], approval["reason"]) == ("hakari", None)
