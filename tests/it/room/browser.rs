//! Real Chromium instances as phones, driven through chromedriver
//! (WebDriver is plain HTTP and JSON: a few requests, no new crate).
