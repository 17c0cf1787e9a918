// Every htmx request carries the CSRF token of the page it was sent from.
document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});

// A form with data-confirm asks before it is sent: destructive actions are never one click away.
document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
        event.preventDefault();
    }
});

// The import's "start" asks first only when "clear the list first" is ticked.
document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-confirm-checked]');
    var clear = document.getElementById('clearFirst');
    if (button && clear && clear.checked && !window.confirm(button.getAttribute('data-confirm-checked'))) {
        event.preventDefault();
    }
});

// Clocks on any page: time in a state (data-since, epoch ms) counts up, time left (data-until) counts down; they
// tick every second and at once when htmx swaps new content in.
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
    document.addEventListener('htmx:afterSwap', tick);
})();

// An input with data-remember="<key>" keeps what was typed in this browser (e.g. the supervisor's own phone) and
// offers it again wherever the same key appears, unless the page filled it in itself.
(function () {
    function restore(root) {
        root.querySelectorAll('input[data-remember]').forEach(function (input) {
            var kept = window.localStorage.getItem(input.getAttribute('data-remember'));
            if (kept && !input.value) { input.value = kept; }
        });
    }
    document.addEventListener('change', function (event) {
        var key = event.target.getAttribute && event.target.getAttribute('data-remember');
        if (key) { window.localStorage.setItem(key, event.target.value.trim()); }
    });
    document.addEventListener('DOMContentLoaded', function () { restore(document); });
    document.addEventListener('htmx:load', function (event) { restore(event.target); });
})();
