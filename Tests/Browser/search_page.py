#!/usr/bin/env python3
"""Drives the search page in headless Chromium, as a practitioner would: type a case description,
submit, read the results. Prints what the page showed as JSON; writes a screenshot.

Usage: /usr/bin/python3 search_page.py URL SCREENSHOT.png
Needs Debian's chromium, chromium-driver and python3-selenium (`make test` installs them).
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CASE = ("Mum drinking again most nights, two under-fives, nursery flagged bruising on the younger one, "
        "dad back in the home after DV, previous CP plan closed last year. Looking for what works.")


def main(url, screenshot):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2000"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(url)
        label = driver.find_element(By.CSS_SELECTOR, "label[for=description]").text
        driver.find_element(By.ID, "description").send_keys(CASE)
        driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
        WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.ID, "results-heading"))
        result = {
            "label": label,
            "groups": [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".group h3")],
            "titles": [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".card h4 a")],
            "status": driver.find_element(By.ID, "results-summary").text,
            "focused": driver.switch_to.active_element.get_attribute("id"),
        }
        driver.save_screenshot(screenshot)
        print(json.dumps(result))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
