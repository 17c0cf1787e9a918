// The workplace's card timing (the clocks of data-since / data-until are dozvon.js's, as on every page).
(function () {
    // When a contact's card first appears, note the time per call (window.dzCardShown: call → epoch ms); the
    // browser test compares it with the time the call was bridged.
    window.dzCardShown = {};
    document.addEventListener('htmx:afterSwap', function () {
        var card = document.getElementById('arm-card');
        var attempt = card && card.getAttribute('data-attempt');
        if (attempt && !(attempt in window.dzCardShown)) {
            window.dzCardShown[attempt] = Date.now();
        }
    });
})();

// A state nudge must not wipe a wrap-up the operator is filling in: while the same call's wrap-up form is on the
// page and the fresh panel still shows it, the fresh panel is not swapped in.
document.addEventListener('htmx:beforeSwap', function (event) {
    var form = document.getElementById('arm-wrap-up');
    var card = document.getElementById('arm-card');
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (!form || !card || verb !== 'get') {
        return;
    }
    var html = event.detail.serverResponse || '';
    if (html.indexOf('id="arm-wrap-up"') >= 0
            && html.indexOf('data-attempt="' + card.getAttribute('data-attempt') + '"') >= 0) {
        event.detail.shouldSwap = false;
    }
});

// Nor must it wipe what the operator is typing (a manual-dial number, a pause reason): while a field of the panel
// has the focus and the fresh panel is in the same state, the fresh panel waits for the next change.
document.addEventListener('htmx:beforeSwap', function (event) {
    var panel = document.getElementById('arm-panel');
    var focused = document.activeElement;
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (!panel || verb !== 'get' || !focused || !panel.contains(focused)
            || !/^(INPUT|TEXTAREA|SELECT)$/.test(focused.tagName)) {
        return;
    }
    var html = event.detail.serverResponse || '';
    if (html.indexOf('data-state="' + panel.getAttribute('data-state') + '"') >= 0) {
        event.detail.shouldSwap = false;
    }
});

// The campaign's default integration link opens by itself once per call, when the card first shows it: the panel is
// rendered again on every state nudge, so the attempt is remembered for the tab's session. The browser must allow
// pop-ups for Dozvon (a link opened without a click is a pop-up). window.dzOpenedLinks records what was opened.
(function () {
    window.dzOpenedLinks = [];
    function openDefault() {
        var block = document.getElementById('arm-integrations');
        var link = block && block.querySelector('a[data-open-default]');
        var attempt = block && block.getAttribute('data-attempt');
        if (!link || !attempt) {
            return;
        }
        var key = 'dz-arm-default-link-' + attempt;
        try {
            if (window.sessionStorage.getItem(key)) {
                return;
            }
            window.sessionStorage.setItem(key, '1');
        } catch (e) {
            return; // no session storage: never open by itself rather than on every render
        }
        window.dzOpenedLinks.push(link.href);
        window.open(link.href, '_blank', 'noopener');
    }
    document.addEventListener('DOMContentLoaded', openDefault);
    document.addEventListener('htmx:afterSwap', openDefault);
})();
