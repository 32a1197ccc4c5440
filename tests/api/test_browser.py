"""The query UI in a real headless Chromium (Debian's chromium + chromium-driver, via selenium).

Loads ``/`` from a live server, runs queries in YASGUI and reads the results from the page; every
request the browser makes must go to the server itself (YASGUI is served from the package, and
its remote autocompleters are off). Screenshots are kept in the test's tmp folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import LiveServer
    from selenium.webdriver.remote.webdriver import WebDriver

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT_S = 30

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """A fresh headless Chromium; skipped only when Debian's chromium is not installed."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip(
            f"{CHROMIUM} or {CHROMEDRIVER} is absent: apt-get install chromium chromium-driver"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], object]) -> object:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_S).until(condition)


def results_text(driver: WebDriver) -> str:
    """The text of the visible tab's results table."""
    return str(
        driver.execute_script(
            "const t = document.querySelector('.tabPanel.active .yasr table.dataTable');"
            "return t ? t.innerText : '';"
        )
    )


def requested_urls(driver: WebDriver) -> set[str]:
    """Every URL the page asked for since the last call (Chrome's performance log)."""
    urls = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.add(message["params"]["request"]["url"])
    return urls


def screenshot(driver: WebDriver, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def test_yasgui_runs_the_first_query(
    browser: WebDriver, pages_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.webdriver.common.by import By

    shots = tmp_path_factory.mktemp("screenshots")
    browser.get(pages_server.url + "/")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".yasqe .CodeMirror"))
    editor = browser.execute_script("return window.silkgraphYasgui.getTab().getYasqe().getValue()")
    assert "schema:Event" in editor  # the server's first query, not YASGUI's DBpedia example
    endpoint = browser.find_element(By.CSS_SELECTOR, ".autocomplete").get_attribute("value")
    assert endpoint == pages_server.url + "/sparql"
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait_for(browser, lambda d: "生物多样性政策对话" in results_text(d))
    table = results_text(browser)
    assert "绿色之路分论坛" in table and "绿色金融研讨会" in table and "北京" in table
    screenshot(browser, shots, "first-query")


def test_a_canned_example_opens_and_runs_in_a_new_tab(
    browser: WebDriver, pages_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.webdriver.common.by import By

    shots = tmp_path_factory.mktemp("screenshots")
    browser.get(pages_server.url + "/")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "button.example"))
    button = next(
        b
        for b in browser.find_elements(By.CSS_SELECTOR, "button.example")
        if b.text == "Events in a year"
    )
    button.click()
    wait_for(browser, lambda d: "Seminar" in results_text(d))
    table = results_text(browser)
    assert "Forum" in table and "Seminar" in table
    assert "Dialogue" not in table  # announced for 2020, and the default year is 2019
    active = browser.find_element(By.CSS_SELECTOR, ".tabsList .tab.active").text
    assert active.startswith("Events in a year")
    screenshot(browser, shots, "canned-example")


def test_a_canned_table_opens_its_bound_query_in_the_editor(
    browser: WebDriver, pages_server: LiveServer
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(pages_server.url + "/queries/events-by-place?place=Beijing&format=html")
    assert "绿色之路分论坛" in browser.find_element(By.CSS_SELECTOR, "table.results").text
    browser.find_element(By.LINK_TEXT, "open in the query editor").click()
    script = (
        "return window.silkgraphYasgui && window.silkgraphYasgui.getTab().getYasqe().getValue()"
    )
    wait_for(browser, lambda d: '"Beijing"' in (d.execute_script(script) or ""))
    browser.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton").click()
    wait_for(browser, lambda d: "绿色之路分论坛" in results_text(d))


def test_the_browser_fetches_nothing_from_elsewhere(
    browser: WebDriver, pages_server: LiveServer
) -> None:
    from selenium.webdriver.common.by import By

    requested_urls(browser)  # drop what earlier tests logged
    browser.get(pages_server.url + "/")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".yasqe .CodeMirror"))
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait_for(browser, lambda d: "绿色之路分论坛" in results_text(d))
    web = {url for url in requested_urls(browser) if url.startswith(("http:", "https:", "ws"))}
    assert pages_server.url + "/static/yasgui/yasgui.min.js" in web
    assert pages_server.url + "/sparql" in web
    assert {url for url in web if not url.startswith(pages_server.url + "/")} == set()


def test_entity_pages_render_in_the_browser(
    browser: WebDriver, pages_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.webdriver.common.by import By

    shots = tmp_path_factory.mktemp("screenshots")
    browser.get(pages_server.url + "/id/org/mee")
    assert browser.title.startswith("生态环境部")
    assert "Ministry of Ecology and Environment" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.LINK_TEXT, "李干杰").click()
    wait_for(browser, lambda d: d.title.startswith("李干杰"))
    assert "部长" in browser.find_element(By.ID, "positions-held").text
    screenshot(browser, shots, "entity")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def test_chromium_and_its_driver_agree() -> None:
    """A Chromium without its matching driver would skip every test above; say so loudly."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium chromium-driver")
    assert CHROMEDRIVER.exists(), "chromium is installed but chromium-driver is not"
    assert shutil.which("chromedriver") == str(CHROMEDRIVER)
