// The workplace's clocks: time in state (data-since) counts up, preview and wrap-up time (data-until) count down.
(function () {
    function format(ms) {
        var s = Math.max(0, Math.floor(ms / 1000));
        var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
        return (h > 0 ? h + ':' : '') + (m < 10 && h > 0 ? '0' : '') + m + ':' + (r < 10 ? '0' : '') + r;
    }
    function tick() {
        var now = Date.now();
        document.querySelectorAll('[data-since]').forEach(function (el) {
            var since = parseInt(el.getAttribute('data-since'), 10);
            if (!isNaN(since)) { el.textContent = format(now - since); }
        });
        document.querySelectorAll('[data-until]').forEach(function (el) {
            var until = parseInt(el.getAttribute('data-until'), 10);
            if (!isNaN(until)) { el.textContent = format(until - now); }
        });
    }
    setInterval(tick, 1000);
    document.addEventListener('DOMContentLoaded', tick);
    // When a contact's card first appears, note the time per call (window.dzCardShown: call → epoch ms); the
    // browser test compares it with the time the call was bridged.
    window.dzCardShown = {};
    document.addEventListener('htmx:afterSwap', function () {
        tick();
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
