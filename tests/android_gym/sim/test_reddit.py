"""The Reddit app and reddit.com: shared content, sorting by time range, posts, search, back."""

from __future__ import annotations

import pytest
from sim_driver import elements, tap, texts

from android_gym.content import reddit
from android_gym.sim import Phone
from android_gym.sim.apps.reddit import PACKAGE
from android_gym.ui import find


@pytest.fixture
def phone() -> Phone:
    p = Phone()
    p.swipe(540, 1800, 540, 600)
    tap(p, content_desc="Reddit")
    return p


def facts(phone: Phone) -> dict:
    return phone.state().app_facts(PACKAGE)


def test_periods_have_different_top_posts() -> None:
    tops = [reddit.top_post(p) for p in ("hour", "day", "week")]
    assert len({t.id for t in tops}) == 3
    week = reddit.listing("top", "week")
    assert all(p.minutes <= 7 * 1440 for p in week)
    assert [p.score for p in week] == sorted((p.score for p in week), reverse=True)


def test_urls_round_trip() -> None:
    post = reddit.top_post("week")
    page = reddit.parse(post.url)
    assert (page.kind, page.post_id, page.community) == ("post", post.id, post.community)
    assert reddit.parse(reddit.feed_url("home", "top", "week")) == reddit.Page(
        "feed", "home", "top", "week"
    )
    assert reddit.parse("https://www.reddit.com/r/popular/").feed == "popular"
    assert reddit.parse(reddit.search_url("cat photos")).query == "cat photos"
    assert reddit.parse("https://www.reddit.com/r/aww/").kind == "community"


def test_the_app_opens_on_the_home_feed(phone: Phone) -> None:
    assert phone.state().package == PACKAGE
    assert facts(phone) == {
        "screen": "feed",
        "dialog": "",
        "sort": "Best",
        "period": "",
        "feed": "Home",
    }
    assert reddit.listing("best")[0].title in texts(phone)


def test_top_this_week_then_the_top_post_then_back(phone: Phone) -> None:
    tap(phone, resource_id="sort_button")
    tap(phone, content_desc="Top")
    assert facts(phone)["dialog"] == "period", "Top asks for its time range"
    tap(phone, content_desc="This Week")
    assert facts(phone)["sort"] == "Top" and facts(phone)["period"] == "This Week"
    assert "TOP POSTS · THIS WEEK" in texts(phone)
    tap(phone, resource_id="post_unit")
    assert facts(phone)["post_title"] == reddit.top_post("week").title
    phone.press("back")
    assert facts(phone)["screen"] == "feed" and facts(phone)["period"] == "This Week"
    phone.press("back")
    assert phone.state().package != PACKAGE


def test_back_closes_a_sheet_first(phone: Phone) -> None:
    tap(phone, resource_id="feed_selector")
    assert find(elements(phone), resource_id="bottom_sheet")
    phone.press("back")
    assert facts(phone)["dialog"] == "" and phone.state().package == PACKAGE
    tap(phone, resource_id="feed_selector")
    tap(phone, content_desc="Popular")
    assert facts(phone)["feed"] == "Popular" and facts(phone)["sort"] == "Hot"


def test_search_shows_suggestions_then_results(phone: Phone) -> None:
    tap(phone, resource_id="search_icon")
    phone.type_text("sci")
    assert facts(phone)["screen"] == "search"
    assert "r/science" in texts(phone)
    phone.press("enter")
    assert facts(phone) == {"screen": "results", "dialog": "", "query": "sci"}
    tap(phone, content_desc="Search: sci")
    tap(phone, content_desc="r/science")
    assert facts(phone)["screen"] == "community" and facts(phone)["community"] == "science"


def test_the_feed_scrolls(phone: Phone) -> None:
    first = texts(phone)
    assert phone.swipe(540, 1800, 540, 700)
    assert texts(phone) != first


def test_the_site_in_chrome_sorts_by_url() -> None:
    p = Phone()
    tap(p, content_desc="Chrome")
    tap(p, resource_id="search_box")
    p.type_text("reddit.com")
    p.press("enter")
    assert reddit.parse(p.state().url).kind == "feed"
    assert "reddit" in texts(p)
    tap(p, resource_id="sort_button")
    tap(p, content_desc="Top")
    assert reddit.parse(p.state().url) == reddit.Page("feed", "home", "top", "day")
    tap(p, resource_id="time_range_button")
    tap(p, content_desc="This Week")
    assert p.state().url.endswith("/top/?t=week")
    tap(p, resource_id="post_container")
    assert reddit.parse(p.state().url).post_id == reddit.top_post("week").id
    p.press("back")
    assert p.state().url.endswith("/top/?t=week")


def test_links_from_google_results_open_a_post() -> None:
    page = reddit.parse("https://www.reddit.com/r/explainlikeimfive/black-holes")
    post = reddit.find(page.post_id, page.community, page.slug)
    assert post.community == "explainlikeimfive" and "black holes" in post.title.lower()
