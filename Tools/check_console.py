#!/usr/bin/env python3
"""The operator console in a real browser (Debian's chromium, headless, through
Selenium and chromium-driver) against a real server with the sample catalog:
search, open an explanation, change a weight, see the comparison change,
evaluate, publish with the token, see the ranking change, roll back, run a
live experiment of the draft and see its preference chart, the suppliers tab, a phone-sized viewport, no request leaving the server, and the
interactive API page at /docs (an operation sent from the page).

Usage: check_console.py HUOPAN_BINARY [SCREENSHOT_DIR]
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HUOPAN = os.path.abspath(sys.argv[1])
SHOTS = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "console-token-123"
OPERATOR = "console-operator-123"
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)


def d_text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name))


s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
work = tempfile.mkdtemp(prefix="huopan-console-")
env = dict(os.environ, HUOPAN_ADMIN_TOKEN=TOKEN, HUOPAN_OPERATOR_TOKEN=OPERATOR, HUOPAN_STATE_DIR=os.path.join(work, "state"), HUOPAN_LOG_LEVEL="warning")
server = subprocess.Popen([HUOPAN, "serve", "--db", os.path.join(work, "index"), "--port", str(port)], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
driver = None
try:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/readyz", timeout=2)
            break
        except Exception:
            time.sleep(0.3)
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=zh-CN"]:
        options.add_argument(a)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 20)

    def ids():
        return [c.get_attribute("data-id") for c in driver.find_elements(By.CSS_SELECTOR, "#results .card")]

    def wait_ids_change(old):
        wait.until(lambda d: ids() and ids() != old)
        return ids()

    print("search as a buyer, from the URL")
    driver.get(base + "/?q=" + urllib.parse.quote("连衣裙"))
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#results .card")) >= 10)
    check(driver.find_element(By.ID, "q").get_attribute("value") == "连衣裙", "the query comes from the URL")
    first = ids()
    card = driver.find_element(By.CSS_SELECTOR, "#results .card")
    check("¥" in card.text and "MOQ" in card.text and "72h ship" in card.text and "reply" in card.text, "cards show price, MOQ, shipping and reply rates")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#facets .chip")) > 3, "facets are shown")
    shot(driver, "console-search.png")

    print("explain")
    driver.find_element(By.CSS_SELECTOR, "#results .card .explain").click()
    bars = driver.find_element(By.CSS_SELECTOR, "#results .card .bars")
    check(bars.is_displayed() and len(bars.find_elements(By.CSS_SELECTOR, ".bar")) >= 5, "the first card opens its contribution bars")
    shot(driver, "console-explain.png")

    print("facet as a filter, kept in the URL")
    chip = driver.find_element(By.CSS_SELECTOR, '#facets .chip[data-facet="supplier_kind"]')
    chip.click()
    wait.until(lambda d: "filter.supplier_kind" in d.current_url)
    check("filter.supplier_kind" in driver.current_url, "a clicked facet becomes a URL filter")
    driver.get(base + "/?q=" + urllib.parse.quote("连衣裙"))
    wait.until(lambda d: ids() == first)

    print("every filter of the server's schema through the console's URL state")
    schema = json.loads(urllib.request.urlopen(base + "/v1/schema").read())
    samples = {"list": "义乌", "number": "0.5", "integer": "1000", "boolean": "true"}
    refused = []
    for f in schema["filters"]:
        value = (f.get("values") or [samples[f["kind"]]])[0]
        driver.get(base + "/?q=" + urllib.parse.quote("连衣裙") + "&filter." + f["name"] + "=" + urllib.parse.quote(value))
        wait.until(lambda d: d.find_element(By.ID, "analysis").text or "error" in d.find_element(By.ID, "status").get_attribute("class"))
        status = driver.find_element(By.ID, "status")
        if "error" in (status.get_attribute("class") or ""):
            refused.append(f"{f['name']}={value}: {status.text}")
    check(len(schema["filters"]) >= 10 and not refused, f"{len(schema['filters'])} filters from /v1/schema each searched from a shared link {refused}")
    driver.get(base + "/?q=" + urllib.parse.quote("连衣裙"))
    wait.until(lambda d: ids() == first)
    options = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#intent option")]
    check(options[1:] == [i["name"] for i in schema["intents"]], "the intent choices are the schema's")

    print("compare without a token asks for one")
    driver.find_element(By.ID, "preview").click()
    wait.until(lambda d: d.find_element(By.ID, "draft-error").text)
    check("operator token" in d_text(driver, "draft-error"), "comparing without a token asks for the operator token")
    driver.find_element(By.ID, "token").send_keys(OPERATOR)
    driver.find_element(By.ID, "token").send_keys("\t")

    print("retune a weight and compare")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#weights input[type=number][data-feature="price_at_qty"]'))
    field = driver.find_element(By.CSS_SELECTOR, '#weights input[type=number][data-feature="price_at_qty"]')
    driver.execute_script("arguments[0].value = '30'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field)
    check(driver.find_element(By.ID, "w-price_at_qty").get_attribute("value") == "30", "the slider follows the number field")
    driver.find_element(By.ID, "preview").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#comparison li[data-change]"))
    changes = [li.get_attribute("data-change") for li in driver.find_elements(By.CSS_SELECTOR, "#comparison li[data-change]")]
    check(any(c in ("up", "down", "new") for c in changes), f"the comparison marks moved offers ({sorted(set(changes))})")
    # The draft is not live: a fresh search (a new page load) still ranks with the published profile.
    driver.get(base + "/?q=" + urllib.parse.quote("连衣裙"))
    wait.until(lambda d: ids())
    check(ids() == first, "the draft is not live (a fresh search ranks as before)")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#weights input[type=number][data-feature="price_at_qty"]'))
    field = driver.find_element(By.CSS_SELECTOR, '#weights input[type=number][data-feature="price_at_qty"]')
    driver.find_element(By.ID, "token").send_keys(OPERATOR)
    driver.execute_script("arguments[0].value = '30'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field)
    driver.find_element(By.ID, "preview").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#comparison li[data-change]"))
    shot(driver, "console-compare.png")

    print("invalid draft: the server's message is shown")
    driver.execute_script("arguments[0].value = '-1'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field)
    driver.find_element(By.ID, "preview").click()
    wait.until(lambda d: d.find_element(By.ID, "draft-error").text)
    message = driver.find_element(By.ID, "draft-error").text
    check("price_at_qty" in message and "negative" in message, f"a negative weight shows the server's message ({message!r})")
    driver.execute_script("arguments[0].value = '30'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field)

    print("evaluate published vs draft")
    driver.find_element(By.ID, "evaluate").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#eval-table tr"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#eval-table tr")
    check(len(rows) >= 7 and "ndcg@10" in driver.find_element(By.ID, "evaluation").text, "the metric table with deltas and p-values")
    shot(driver, "console-evaluate.png")

    print("publish with the token; ranking changes; roll back")
    version_before = json.loads(urllib.request.urlopen(base + "/v1/profiles/default").read())["version"]
    token_field = driver.find_element(By.ID, "token")
    token_field.clear()
    driver.execute_script("arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", token_field)
    driver.find_element(By.ID, "publish").click()
    wait.until(lambda d: d.find_element(By.ID, "publish-status").text)
    check("admin token" in d_text(driver, "publish-status"), "publishing without a token asks for it")
    token_field.send_keys(OPERATOR)
    driver.find_element(By.ID, "publish").click()
    wait.until(lambda d: "may not" in d.find_element(By.ID, "publish-status").text)
    check("may not" in d_text(driver, "publish-status"), "an operator token cannot publish")
    version_after = json.loads(urllib.request.urlopen(base + "/v1/profiles/default").read())["version"]
    check(version_after == version_before, f"nothing was published without an admin token (v{version_before} -> v{version_after})")
    token_field.clear()
    token_field.send_keys(TOKEN)
    driver.find_element(By.ID, "publish").click()
    wait.until(lambda d: "published" in d.find_element(By.ID, "publish-status").text)
    after = wait_ids_change(first)
    check(after != first, "the published draft changes the ranking")
    check("v2" in driver.find_element(By.ID, "publish-status").text, "a new version was published")
    driver.find_element(By.ID, "rollback").click()
    wait.until(lambda d: "rolled back" in d.find_element(By.ID, "publish-status").text)
    restored = wait_ids_change(after)
    check(restored == first, "rolling back restores the ranking")
    history = driver.find_element(By.ID, "history").text
    check("publish" in history and "rollback" in history and "admin" in history, "history shows who did what")
    shot(driver, "console-publish.png")

    print("a live experiment of the draft, its running preference, stop")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#weights input[type=number][data-feature="price_at_qty"]'))
    field = driver.find_element(By.CSS_SELECTOR, '#weights input[type=number][data-feature="price_at_qty"]')
    driver.execute_script("arguments[0].value = '30'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field)
    driver.find_element(By.ID, "exp-name").send_keys("console-exp")
    share = driver.find_element(By.ID, "exp-share")
    share.clear(); share.send_keys("1")
    driver.find_element(By.ID, "exp-start").click()
    wait.until(lambda d: "started console-exp" in d.find_element(By.ID, "experiments").text)
    check("console-exp" in d_text(driver, "experiments") and "running" in d_text(driver, "experiments"), "the started experiment is listed as running")
    events = []
    for i in range(24):
        url = base + "/v1/search?q=" + urllib.parse.quote("连衣裙") + f"&client_id=console-buyer-{i}&size=10"
        res = json.loads(urllib.request.urlopen(url).read())
        teams = (res.get("experiment") or {}).get("teams") or []
        picks = [h["id"] for h, t in zip(res["hits"], teams) if t == "treatment"]
        if picks:
            events.append(json.dumps({"action_name": "click", "query_id": res["query_id"], "timestamp": "2026-12-01T10:00:00Z",
                                      "event_attributes": {"object": {"object_id": picks[0]}}}))
    check(len(events) == 24, f"every buyer's search was a mixed list ({len(events)} of 24)")
    req = urllib.request.Request(base + "/v1/events", data="\n".join(events).encode(), method="POST",
                                 headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/x-ndjson"})
    urllib.request.urlopen(req).read()
    driver.execute_script("loadExperiments()")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#experiments svg.chart polyline"))
    points = driver.find_element(By.CSS_SELECTOR, "#experiments svg.chart polyline").get_attribute("points").split()
    check(len(points) >= 2, f"the running preference is drawn over time ({len(points)} points)")
    check("wins 24" in d_text(driver, "experiments"), "clicks on the draft's picks are wins for the draft")
    shot(driver, "console-experiment.png")
    driver.find_element(By.CSS_SELECTOR, '#experiments [data-exp-action="stop"]').click()
    wait.until(lambda d: "stopped" in d.find_element(By.ID, "experiments").text)
    check("stopped" in d_text(driver, "experiments"), "stopping from the console")

    print("suppliers tab")
    driver.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="suppliers"]').click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results .card.supplier"))
    check("tab=suppliers" in driver.current_url, "the tab is in the URL")
    shot(driver, "console-suppliers.png")

    print("phone width and network")
    driver.set_window_size(390, 844)
    driver.get(base + "/?q=" + urllib.parse.quote("保温杯 1000个"))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results .card"))
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    check(overflow <= 1, f"no horizontal scrolling on a phone ({overflow}px)")
    shot(driver, "console-phone.png")
    origins = driver.execute_script("return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    check(all(o == base for o in origins), f"every request stays on the server ({len(origins)} resources)")

    print("the API page")
    driver.set_window_size(1280, 1000)
    driver.get(base + "/docs#op-searchGet")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, 'body[data-ready="true"]'))
    operations = driver.find_elements(By.CSS_SELECTOR, "details.op")
    check(len(operations) >= 30, f"every operation is listed ({len(operations)})")
    op = driver.find_element(By.CSS_SELECTOR, 'details.op[data-operation-id="searchGet"]')
    driver.execute_script("arguments[0].open = true", op)
    q = op.find_element(By.CSS_SELECTOR, 'input[name="q"]')
    q.clear(); q.send_keys("保温杯")
    op.find_element(By.CSS_SELECTOR, ".send").click()
    wait.until(lambda d: op.find_element(By.CSS_SELECTOR, ".status").text.startswith("200"))
    check('"hits"' in op.find_element(By.CSS_SELECTOR, ".body").text, "Send shows the search response")
    check("--data-urlencode" in op.find_element(By.CSS_SELECTOR, ".curl").text, "the curl command encodes the Chinese query")
    shot(driver, "api-page.png")
    origins = driver.execute_script("return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    check(all(o == base for o in origins), f"the API page stays on the server ({len(origins)} resources)")
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)

print("console checks: " + ("OK" if not failures else "FAILED: " + "; ".join(failures)))
sys.exit(1 if failures else 0)
