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

// Times in state ([data-dz-elapsed]: seconds when the page was made) go on counting between live refreshes.
setInterval(function () {
    var now = Date.now();
    document.querySelectorAll('[data-dz-elapsed]').forEach(function (element) {
        if (!element.dataset.dzSeen) {
            element.dataset.dzSeen = String(now);
        }
        var seconds = Number(element.dataset.dzElapsed) + Math.floor((now - Number(element.dataset.dzSeen)) / 1000);
        var hours = Math.floor(seconds / 3600);
        var minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
        element.textContent = (hours > 0 ? hours + ':' : '') + minutes + ':' + String(seconds % 60).padStart(2, '0');
    });
}, 1000);
