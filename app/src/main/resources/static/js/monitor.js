// The monitor's side panel follows its operator or campaign: when the live blocks show it in another state than
// the panel does, the panel is loaded again — unless the supervisor is typing in it (a field has the focus or was
// changed), so nothing typed is lost.
(function () {
    function typing(panel) {
        if (panel.contains(document.activeElement) && document.activeElement.matches('input, textarea, select')) {
            return true;
        }
        return Array.prototype.some.call(panel.querySelectorAll('input:not([type=hidden]), textarea'), function (field) {
            return field.value !== field.defaultValue;
        });
    }
    function follow() {
        var slot = document.getElementById('monitor-panel');
        var panel = slot && slot.querySelector('#operator-panel, #campaign-panel');
        // not while the supervisor types, nor while an action of the panel is on its way (its answer is the panel)
        if (!panel || typing(panel) || slot.querySelector('.htmx-request')) { return; }
        var path = null;
        if (panel.id === 'operator-panel') {
            var row = document.querySelector('#monitor-operators tr[data-operator="' + panel.getAttribute('data-operator') + '"]');
            var shown = row ? row.getAttribute('data-state') : 'OFFLINE';
            if (shown !== panel.getAttribute('data-state')) {
                path = '/monitoring/operator/' + panel.getAttribute('data-operator');
            }
        } else {
            var campaign = document.querySelector('#monitor-campaigns tr[data-campaign="' + panel.getAttribute('data-campaign') + '"]');
            var status = panel.getAttribute('data-status');
            var active = status === 'RUNNING' || status === 'PAUSED';
            if (campaign ? campaign.getAttribute('data-status') !== status : active) {
                path = '/monitoring/campaign/' + panel.getAttribute('data-campaign');
            }
        }
        if (path) { htmx.ajax('GET', path, {target: '#monitor-panel', swap: 'innerHTML'}); }
    }
    document.addEventListener('htmx:afterSwap', function (event) {
        var id = event.detail.target && event.detail.target.id;
        if (id === 'monitor-operators' || id === 'monitor-campaigns') { follow(); }
    });
})();
