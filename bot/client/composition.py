"""The composition root: every service built once from the Store and the clock, and wired
together; `Renderers`, how the discord layer words what the services send later."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from bot.alerts import ALERT_DM_JOB, AlertNotice, AlertService
from bot.alerts.taken_down import ALERT_DM_EDIT_JOB, AlertDmEditor
from bot.builds import (
    BUILD_LOCK_JOB,
    BUILD_THREAD_NAME_JOB,
    BuildService,
    LockNotice,
    lock_handler,
)
from bot.builds.moderated import BUILD_MODERATED_JOB, ModeratedNotice, moderated_handler
from bot.builds.privacy import BuildMemberData
from bot.builds.unsent import (
    BUILD_LOST_CARD_JOB,
    BUILD_LOST_POST_JOB,
    BUILD_UNSENT_CARD_JOB,
    LostStarts,
    unsent_card_handler,
)
from bot.clock import Clock
from bot.config import Settings
from bot.feeds import FEED_POLL_JOB, FEED_TROUBLE_JOB, FeedFetcher, FeedPoller
from bot.glossary import (
    DAILY_WORD_JOB,
    DailyCard,
    DailyWordSchedule,
    GlossaryService,
    WordOfTheDay,
)
from bot.glossary.privacy import GlossaryMemberData
from bot.glossary.queue import SuggestionQueue
from bot.importers import AnnouncementCard, AnnouncementService, ImporterService, Publisher
from bot.importers.cards import IMPORTER_CARD_JOB, CardEditor
from bot.importers.privacy import ImporterMemberData
from bot.importers.profile_feeds import FeedTroubleNotice
from bot.importers.suspensions import (
    IMPORTER_FEED_CHANGED_JOB,
    IMPORTER_PROFILE_CHANGED_JOB,
    IMPORTER_REMOVED_JOB,
    IMPORTER_SUSPENSION_JOB,
    FeedNewsNotice,
    ProfileNewsNotice,
    RemovalNotice,
    SuspensionNotice,
    feed_changed_handler,
    profile_changed_handler,
    removed_handler,
    suspension_handler,
)
from bot.importers.takedowns import (
    IMPORTER_TAKEN_DOWN_JOB,
    TakenDownNotice,
    taken_down_handler,
)
from bot.jobs import JobQueue, JobRunner, default_worker_name
from bot.meetup_event_fields import EventsTab
from bot.meetup_events import EventNote, MeetupEvents
from bot.meetup_templates import MeetupTemplates
from bot.meetups import (
    CHANGED_DM_JOB,
    CHANGED_POST_JOB,
    PROMOTED_JOB,
    TOO_LARGE_JOB,
    ChangeNotice,
    MeetupService,
    PromotionNotice,
    TooLargeNotice,
)
from bot.meetups.moderated import MEETUP_MODERATED_JOB, MeetupModeratedNotice
from bot.meetups.moderated import moderated_handler as meetup_moderated_handler
from bot.meetups.privacy import MeetupMemberData
from bot.meetups.threads import MEETUP_THREAD_NAME_JOB
from bot.modqueue import (
    MODQUEUE_POST_JOB,
    MODQUEUE_REFRESH_JOB,
    ModQueue,
    QueueCard,
    RejectionNotice,
)
from bot.privacy import PrivacyService
from bot.privacy.direct_messages import name_direct_messages
from bot.privacy.posts import FORGET_FOLLOW_UP_JOB, AuthoredPosts, follow_up_handler
from bot.public_calendar import PublicCalendarService
from bot.reminders import MeetupMessages, ReminderNotice, Reminders
from bot.retention import PURGE_JOB, ServerRetention
from bot.setup import SetupService
from bot.showcase import (
    SHOWCASE_BALLOT_JOB,
    SHOWCASE_CALLED_OFF_JOB,
    SHOWCASE_FEATURED_JOB,
    SHOWCASE_RESULT_JOB,
    CalledOffNotice,
    FeaturedNotice,
    NominationQueue,
    ResultCard,
    ShowcaseService,
)
from bot.showcase.ballot_news import SHOWCASE_BALLOT_DM_JOBS, BallotNotice
from bot.store import Store
from bot.thread_names import ThreadNamers, ThreadRenames

log = logging.getLogger(__name__)


class AuthoredMessages(
    AuthoredPosts, AlertDmEditor, CardEditor, ThreadNamers, LostStarts, MeetupMessages, Protocol
):
    """The bot's own messages and threads as the jobs change them: what a forget changes, alert
    DMs about announcements taken down since, the cards of a removed importer's announcements,
    the names of builds' and meetups' threads, what Discord took of a build never started, and
    reminder posts whose date moved or was called off."""


@dataclass(frozen=True)
class Renderers:
    """How the discord layer words what services send later; passed in at composition, so
    services describe their messages without formatting them."""

    daily_card: DailyCard
    promotion_notice: PromotionNotice
    too_large_notice: TooLargeNotice
    change_notice: ChangeNotice
    reminder_notice: ReminderNotice
    event_note: EventNote
    announcement_card: AnnouncementCard
    queue_card: QueueCard
    rejection_notice: RejectionNotice
    feed_trouble_notice: FeedTroubleNotice
    alert_notice: AlertNotice
    featured_notice: FeaturedNotice
    called_off_notice: CalledOffNotice
    result_card: ResultCard
    lock_notice: LockNotice
    moderated_notice: ModeratedNotice
    meetup_moderated_notice: MeetupModeratedNotice
    suspension_notice: SuspensionNotice
    feed_news_notice: FeedNewsNotice
    taken_down_notice: TakenDownNotice
    profile_news_notice: ProfileNewsNotice
    removal_notice: RemovalNotice
    ballot_notice: BallotNotice


@dataclass(frozen=True)
class Services:
    """Every domain service, built once from the Store and the clock, and wired together."""

    setup: SetupService
    jobs: JobQueue
    glossary: GlossaryService
    daily_word: DailyWordSchedule
    word_of_the_day: WordOfTheDay
    meetups: MeetupService
    meetup_templates: MeetupTemplates
    reminders: Reminders
    meetup_events: MeetupEvents
    public_calendar: PublicCalendarService
    builds: BuildService
    showcase: ShowcaseService
    modqueue: ModQueue
    feeds: FeedPoller
    importers: ImporterService
    announcements: AnnouncementService
    alerts: AlertService
    privacy: PrivacyService
    retention: ServerRetention
    thread_renames: ThreadRenames
    renderers: Renderers

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        renderers: Renderers,
        settings: Settings,
        feed_fetcher: FeedFetcher,
    ) -> Services:
        setup, jobs = SetupService(store, clock), JobQueue(store, clock)
        name_direct_messages(jobs)
        glossary = GlossaryService(store, clock)
        daily_word = DailyWordSchedule(setup, jobs, clock)
        word_of_the_day = WordOfTheDay(glossary, daily_word, setup, renderers.daily_card)
        setup.subscribe(word_of_the_day.on_setting_changed)
        meetups = MeetupService(store, clock, setup, jobs)
        reminders = Reminders(clock, jobs, setup, meetups)
        meetups.subscribe(reminders.plan)
        setup.subscribe(reminders.on_setting_changed)
        meetup_events = MeetupEvents(store, clock, jobs, meetups)
        meetups.subscribe(meetup_events.on_meetup_changed)
        public_calendar = PublicCalendarService(store, clock, meetups, settings.web_base_url)
        builds = BuildService(store, clock, jobs)
        setup.subscribe(builds.on_setting_changed)  # another builds channel: its tags are news
        modqueue = ModQueue(store, clock, jobs, setup)
        feeds = FeedPoller(
            store,
            clock,
            jobs,
            feed_fetcher,
            poll_seconds=settings.feed_poll_seconds,
            allow_private=settings.feed_allow_private,
        )
        importers = ImporterService(store, clock, setup, feeds, jobs)
        announcements = AnnouncementService(store, clock, setup, jobs, importers, modqueue)
        feeds.deliver_to(announcements.accept_feed_items)
        modqueue.register(announcements)
        modqueue.register(SuggestionQueue(glossary))
        showcase = ShowcaseService(store, clock, jobs, builds, modqueue)
        modqueue.register(NominationQueue(showcase, builds))
        builds.when_lock_changes(showcase.build_lock_changed)
        builds.when_lock_changes(showcase.ballots.follow_lock)
        builds.when_shown_changes(showcase.build_shown_changed)
        builds.when_deleted(showcase.privacy.build_leaving)
        setup.subscribe(showcase.ballots.on_setting_changed)
        alerts = AlertService(store, clock, jobs, setup)  # "this year" is the server's
        announcements.subscribe(alerts.on_announcement)
        # Alert DMs about an announcement taken down since are edited to say so.
        announcements.own.when_taken_down(alerts.dms.on_taken_down)
        # And those about a removed importer's kept announcements, to name a former importer.
        announcements.removal.when_kept(alerts.dms.on_importer_removed)
        # And those about a renamed or suspended importer's, to name it as its cards do.
        alerts.dms.read_importers_announcements_with(announcements.ids_of_importer)
        importers.when_renamed(alerts.dms.on_importer_renamed)
        importers.when_suspension_changes(alerts.dms.on_importer_suspension_changed)
        importers.when_reinstated(announcements.release_held)
        importers.counts_held_with(announcements.held_counts)
        importers.when_renamed(announcements.on_importer_renamed)
        importers.when_suspension_changes(announcements.on_importer_suspension_changed)
        setup.subscribe(announcements.on_setting_changed)
        setup.subscribe(modqueue.on_setting_changed)
        importers.when_reinstated(alerts.release_held)
        meetup_templates = MeetupTemplates(store, clock)
        privacy = PrivacyService(store, clock, jobs)
        # Showcase before builds: votes for a build must go before the build does.
        for service in (
            MeetupMemberData(store, meetups),
            meetup_templates,
            GlossaryMemberData(store),
            showcase,
            BuildMemberData(store, clock),
            ImporterMemberData(store, announcements.removal, jobs),
            modqueue,  # after the parts that withdraw queue items, and so their posts
            alerts,
            jobs,
        ):
            privacy.register(service.member_data())
        retention = ServerRetention(store, clock, jobs)
        public_calendar.hide_while(retention.departed)
        retention.before_purge(glossary.discard_server)
        retention.before_purge(alerts.discard_server)
        retention.on_return(reminders.plan_guild)
        retention.on_return(meetup_events.check)
        return cls(
            setup=setup,
            jobs=jobs,
            glossary=glossary,
            daily_word=daily_word,
            word_of_the_day=word_of_the_day,
            meetups=meetups,
            meetup_templates=meetup_templates,
            reminders=reminders,
            meetup_events=meetup_events,
            public_calendar=public_calendar,
            builds=builds,
            showcase=showcase,
            modqueue=modqueue,
            feeds=feeds,
            importers=importers,
            announcements=announcements,
            alerts=alerts,
            privacy=privacy,
            retention=retention,
            thread_renames=ThreadRenames(clock),
            renderers=renderers,
        )

    def register_jobs(
        self,
        runner: JobRunner,
        events_tab: EventsTab,
        publisher: Publisher,
        authored: AuthoredMessages,
    ) -> None:
        """Each kind of background work, handled by the service that owns it; `events_tab`
        reaches the servers' scheduled events, `publisher` crossposts announcements, `authored`
        changes the bot's messages that name a forgotten member and the queue posts of items
        that changed, alert DMs about announcements taken down, a removed importer's cards and
        the names of renamed builds' and meetups' threads (feed polls run on a runner of their
        own: see `register_feed_jobs`)."""
        runner.register(DAILY_WORD_JOB, self.word_of_the_day.compose)
        runner.register(
            PROMOTED_JOB, self.meetups.promotion_handler(self.renderers.promotion_notice)
        )
        runner.register(
            TOO_LARGE_JOB, self.meetups.too_large_handler(self.renderers.too_large_notice)
        )
        direct_message, channel_post = self.meetups.change_handlers(self.renderers.change_notice)
        runner.register(CHANGED_DM_JOB, direct_message)
        runner.register(CHANGED_POST_JOB, channel_post)
        runner.when_sent(CHANGED_POST_JOB, self.meetups.notice_sent)
        reminders = self.reminders.handlers(self.renderers.reminder_notice, authored)
        for kind, handler in reminders.items():
            runner.register(kind, handler)
        mirror = self.meetup_events.handlers(events_tab, self.renderers.event_note)
        for kind, handler in mirror.items():
            runner.register(kind, handler)
        queue = self.modqueue.handlers(self.renderers.queue_card, self.renderers.rejection_notice)
        announcements = self.announcements.handlers(self.renderers.announcement_card, publisher)
        for kind, handler in (queue | announcements).items():
            runner.register(kind, handler)
        runner.when_sent(MODQUEUE_POST_JOB, self.modqueue.posted)
        runner.register(MODQUEUE_REFRESH_JOB, self.modqueue.refresh_handler(authored))
        runner.register(
            SHOWCASE_FEATURED_JOB, self.showcase.featured_handler(self.renderers.featured_notice)
        )
        runner.register(SHOWCASE_BALLOT_JOB, self.showcase.ballots.ballot_handler(authored))
        ballot_news = self.showcase.ballots.ballot_news_handler(self.renderers.ballot_notice)
        for kind in SHOWCASE_BALLOT_DM_JOBS:
            runner.register(kind, ballot_news)
        runner.register(
            SHOWCASE_CALLED_OFF_JOB,
            self.showcase.ballots.called_off_handler(self.setup, self.renderers.called_off_notice),
        )
        runner.register(
            SHOWCASE_RESULT_JOB, self.showcase.ballots.result_handler(self.renderers.result_card)
        )
        runner.when_sent(SHOWCASE_RESULT_JOB, self.showcase.ballots.result_posted)
        since = self.builds.since_scheduled
        runner.register(BUILD_LOCK_JOB, lock_handler(self.renderers.lock_notice, since))
        runner.register(
            BUILD_MODERATED_JOB, moderated_handler(self.renderers.moderated_notice, since)
        )
        runner.register(BUILD_UNSENT_CARD_JOB, unsent_card_handler(authored))
        runner.register(BUILD_LOST_CARD_JOB, self.builds.unsent.lost_card_handler(authored))
        runner.register(
            BUILD_LOST_POST_JOB, self.builds.unsent.lost_post_handler(authored, self.builds)
        )
        runner.register(
            MEETUP_MODERATED_JOB,
            self.meetups.noting_sends(
                meetup_moderated_handler(self.renderers.meetup_moderated_notice)
            ),
        )
        runner.register(BUILD_THREAD_NAME_JOB, authored.name_build_thread)
        runner.register(MEETUP_THREAD_NAME_JOB, authored.name_meetup_thread)
        runner.register(
            IMPORTER_SUSPENSION_JOB, suspension_handler(self.renderers.suspension_notice)
        )
        runner.register(
            IMPORTER_FEED_CHANGED_JOB, feed_changed_handler(self.renderers.feed_news_notice)
        )
        runner.register(
            IMPORTER_TAKEN_DOWN_JOB, taken_down_handler(self.renderers.taken_down_notice)
        )
        runner.register(
            IMPORTER_PROFILE_CHANGED_JOB,
            profile_changed_handler(self.renderers.profile_news_notice),
        )
        runner.register(IMPORTER_REMOVED_JOB, removed_handler(self.renderers.removal_notice))
        runner.every_day(self.modqueue.let_go_of_decided)
        runner.every_day(self.showcase.give_back_stale_claims)
        runner.register(
            FEED_TROUBLE_JOB, self.importers.trouble_handler(self.renderers.feed_trouble_notice)
        )
        runner.register(
            ALERT_DM_JOB, self.alerts.handler(self.announcements, self.renderers.alert_notice)
        )
        runner.when_sent(ALERT_DM_JOB, self.alerts.dms.sent_hook(self.announcements.get))
        runner.register(
            ALERT_DM_EDIT_JOB,
            self.alerts.dms.handler(
                self.announcements.get, authored, self.announcements.own.taken_down_by_moderator
            ),
        )
        runner.every_day(self.alerts.dms.let_go_of_old)
        runner.register(IMPORTER_CARD_JOB, self.announcements.cards.handler(authored))
        runner.every_day(self.announcements.own.let_go_of_old)
        runner.register(PURGE_JOB, self.retention.purge)
        runner.register(FORGET_FOLLOW_UP_JOB, follow_up_handler(authored))
        runner.every_day(self.privacy.drop_expired_requests)

    def register_feed_jobs(self, runner: JobRunner) -> None:
        """Feed polls wait on the network, so they run side by side on a runner of their own
        and never hold up a reminder."""
        runner.register(FEED_POLL_JOB, self.feeds.poll)

    async def prepare(self) -> None:
        """What the services do before the bot takes traffic: plan due work, build indexes."""
        rekeyed = await self.importers.refresh_name_keys()
        log.info("name keys of %d importers brought up to date", rekeyed)
        lost = await self.jobs.release_lost_claims(starting=default_worker_name())
        log.info("%d jobs of a worker that died are due again", lost)
        unposted = await self.showcase.give_back_stale_claims()
        log.info("%d showcase features a stopped bot never posted were given back", unposted)
        paused = await self.retention.pause_departed()
        log.info("jobs paused for %d servers that removed the bot", paused)
        planned = await self.daily_word.plan_all()
        log.info("word of the day planned for %d servers", planned)
        reminded = await self.reminders.plan_all(self.retention.departed)
        log.info("reminders planned for %d upcoming meetups", reminded)
        mirrored = await self.meetup_events.plan_all(self.retention.departed)
        log.info("the Events tab mirror is checked in %d servers", mirrored)
        indexed = await self.glossary.warm_up()
        log.info("glossary indexes built for %d servers with their own entries", indexed)
