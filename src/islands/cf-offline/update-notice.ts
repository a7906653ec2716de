/**
 * Browser only, on every page, and tiny: when a saved offline copy controls this page and a newer
 * version has finished downloading, reveal the layout's notice and let its button apply the update
 * (the waiting worker takes over, then the page reloads). With no controlling service worker, or on
 * /offline/ (whose own control says the same), it does nothing.
 */
const sw = navigator.serviceWorker;
const notice = document.querySelector<HTMLElement>('[data-offline-update]');
if (sw?.controller && notice && !document.querySelector('cf-offline'))
  sw.getRegistration().then((reg) => {
    const show = () => {
      if (!reg?.waiting) return;
      notice.hidden = false;
      notice.querySelector('button')!.onclick = () => {
        sw.oncontrollerchange = () => location.reload();
        reg.waiting?.postMessage({ type: 'skip-waiting' });
      };
    };
    show();
    if (reg) reg.onupdatefound = () => reg.installing?.addEventListener('statechange', show);
  }, ignore);

/** A registration that cannot be read leaves the page as it is. */
function ignore() {}
