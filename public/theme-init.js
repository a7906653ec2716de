// Runs before first paint (a blocking classic script, so no flash and no inline script under a CSP):
// apply the reader's remembered theme; without one the page follows the system setting.
(function () {
  try {
    var theme = localStorage.getItem('cf-theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch (e) {
    /* storage blocked: follow the system theme */
  }
})();
