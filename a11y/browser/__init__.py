"""The browser side: Chromium sessions, DevTools calls and axe-core runs."""
