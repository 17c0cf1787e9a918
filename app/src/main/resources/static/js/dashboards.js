// Draws each dashboard widget (<section class="dz-widget" data-url="...">) with Chart.js from its data endpoint,
// which answers a Chart.js configuration plus a "dozvon" member (unit of the values, a note when there is nothing
// to show). Redraws on the SSE event "dashboard-tick" (calls ended; the server sends it at most every few seconds)
// and, as a fallback, every 10 s without one. A drawn widget gets data-drawn="true", the grid counts the ticks it
// heard in data-ticks (the browser tests wait for both).
(function () {
    'use strict';

    var FALLBACK_MS = 10000;
    var MIN_GAP_MS = 2000;
    var charts = {};
    var lastRefresh = 0;
    var pending = null;

    function note(widget, text) {
        var element = widget.querySelector('.dz-chart-note');
        if (!element) {
            return;
        }
        element.textContent = text || '';
        element.hidden = !text;
    }

    // What JSON cannot carry: tick and tooltip texts with the unit ("3.1 %").
    function withUnit(config) {
        var unit = config.dozvon && config.dozvon.unit;
        if (!unit) {
            return config;
        }
        var scale = config.options.indexAxis === 'y' ? 'x' : 'y';
        var axis = config.options.scales && config.options.scales[scale];
        if (axis) {
            axis.ticks = axis.ticks || {};
            axis.ticks.callback = function (value) { return value + ' ' + unit; };
        }
        config.options.plugins = config.options.plugins || {};
        config.options.plugins.tooltip = {
            callbacks: {
                label: function (item) {
                    var value = item.parsed[scale];
                    return item.dataset.label + ': ' + (value === null || value === undefined ? '—' : value + ' ' + unit);
                }
            }
        };
        return config;
    }

    function draw(widget, config) {
        var id = widget.getAttribute('data-widget');
        var chart = charts[id];
        if (chart && chart.config.type === config.type) {
            chart.data.labels = config.data.labels;
            chart.data.datasets = config.data.datasets;
            chart.update('none');
        } else {
            if (chart) {
                chart.destroy();
            }
            charts[id] = new Chart(widget.querySelector('canvas'), withUnit(config));
        }
        note(widget, config.dozvon && config.dozvon.empty);
        widget.setAttribute('data-drawn', 'true');
    }

    function load(widget) {
        return fetch(widget.getAttribute('data-url'), {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(response.status + ' ' + response.statusText);
                }
                return response.json();
            })
            .then(function (config) {
                draw(widget, config);
            })
            .catch(function (error) {
                var grid = document.getElementById('dashboard-widgets');
                note(widget, (grid ? grid.getAttribute('data-failed-text') : '') + ' ' + (error && error.message ? error.message : error));
            });
    }

    function refresh() {
        pending = null;
        lastRefresh = Date.now();
        document.querySelectorAll('.dz-widget[data-url]').forEach(load);
    }

    // Several ticks close together make one redraw; a hidden page waits until it is shown.
    function soon() {
        if (pending !== null) {
            return;
        }
        pending = window.setTimeout(function () {
            if (document.hidden) {
                pending = null;
                return;
            }
            refresh();
        }, Math.max(0, MIN_GAP_MS - (Date.now() - lastRefresh)));
    }

    function start() {
        if (!document.getElementById('dashboard-widgets') || typeof Chart === 'undefined') {
            return;
        }
        refresh();
        document.body.addEventListener('htmx:sseMessage', function (event) {
            if (event.target && event.target.id === 'dashboard-tick') {
                var grid = document.getElementById('dashboard-widgets');
                grid.setAttribute('data-ticks', String(Number(grid.getAttribute('data-ticks') || '0') + 1));
                soon();
            }
        });
        document.addEventListener('visibilitychange', function () {
            if (!document.hidden && Date.now() - lastRefresh > FALLBACK_MS) {
                soon();
            }
        });
        window.setInterval(function () {
            if (!document.hidden && Date.now() - lastRefresh >= FALLBACK_MS) {
                soon();
            }
        }, FALLBACK_MS / 2);
    }

    document.addEventListener('DOMContentLoaded', start);
}());
